using SkeletonSsl.Data;
using static TorchSharp.torch;

namespace SkeletonSsl.Training.Checkpoints;

/// <summary>Reads the named tensors of a checkpoint file, recognising its format by content.</summary>
public static class CheckpointFile
{
    /// <summary>The checkpoint formats the kit reads.</summary>
    public enum Format { SafeTensors, PyTorchZip }

    /// <summary>Recognises a file: a zip archive (PyTorch ≥ 1.6 <c>torch.save</c>) or safetensors.</summary>
    public static Format Detect(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such checkpoint file", path);
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        int read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        if (read == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) return Format.PyTorchZip;
        if (read >= 2 && magic[0] == 0x80 && magic[1] <= 5)
            throw new DataFormatException(path, "a legacy (pre-1.6, non-zip) torch.save file: re-save it with a current PyTorch or convert it to safetensors");
        return Format.SafeTensors;
    }

    /// <summary>All named tensors of the file, on the CPU, in file order. The caller disposes them.</summary>
    public static Dictionary<string, Tensor> ReadTensors(string path) => Detect(path) switch
    {
        Format.SafeTensors => SafeTensors.Read(path).Tensors,
        _ => PyTorchCheckpoint.ReadStateDict(path),
    };
}
