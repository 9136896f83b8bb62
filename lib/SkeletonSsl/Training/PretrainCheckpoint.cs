using System.Text;
using System.Text.Json;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Training;

/// <summary>
/// One resumable pre-training checkpoint file: a magic line, a JSON <see cref="CheckpointInfo"/>,
/// the method's full state_dict (TorchSharp's format: every encoder, head, queue or bank) and the
/// optimiser state (momentum buffers). Written atomically: "&lt;path&gt;.tmp-&lt;pid&gt;", then a rename.
/// Files are named <c>epoch-NNNN.ckpt</c> inside a run's <c>checkpoints/</c> folder.
/// </summary>
public static class PretrainCheckpoint
{
    private const string Magic = "skeletonssl-pretrain-checkpoint/1";

    public static string FileName(int epoch) => $"epoch-{epoch:D4}.ckpt";

    /// <summary>Writes a checkpoint atomically; returns its path.</summary>
    public static string Save(string path, CheckpointInfo info, nn.Module module, optim.Optimizer optimizer)
    {
        // A failed write (a full disk) removes its partial file, so the space it took is free again.
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(info));
            module.save(writer);
            ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(writer);
        });
        return path;
    }

    /// <summary>Reads only the header.</summary>
    public static CheckpointInfo ReadInfo(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        return ReadHeader(reader, path);
    }

    /// <summary>Restores module and optimiser state in place; returns the header.</summary>
    public static CheckpointInfo Load(string path, nn.Module module, optim.Optimizer optimizer)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var info = ReadHeader(reader, path);
        module.load(reader, strict: true);
        ((TorchSharp.Modules.OptimizerHelper)optimizer).load_state_dict(reader);
        return info;
    }

    /// <summary>The checkpoint with the highest epoch in a folder, or null when there is none.</summary>
    public static string? Latest(string directory) =>
        All(directory).LastOrDefault();

    /// <summary>Every checkpoint in a folder, oldest epoch first.</summary>
    public static IReadOnlyList<string> All(string directory) =>
        !Directory.Exists(directory)
            ? []
            : Directory.GetFiles(directory, "epoch-*.ckpt").Order(StringComparer.Ordinal).ToList();

    private static CheckpointInfo ReadHeader(BinaryReader reader, string path)
    {
        string magic;
        try { magic = reader.ReadString(); }
        catch (EndOfStreamException) { throw new DataFormatException(path, $"expected '{Magic}', found an empty or truncated file", field: "header"); }
        if (magic != Magic) throw new DataFormatException(path, $"expected '{Magic}', found '{Trim(magic)}'", field: "header");
        var json = reader.ReadString();
        return JsonSerializer.Deserialize<CheckpointInfo>(json)
               ?? throw new DataFormatException(path, "expected a checkpoint header object", field: "info");
    }

    private static string Trim(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
