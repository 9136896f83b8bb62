using System.CommandLine;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Training.Checkpoints;
using static TorchSharp.torch;

namespace SkeletonSsl.Cli.Commands;

/// <summary>
/// <c>model embed</c>: the kit's interoperability contract with PyTorch. Loads encoder weights
/// (safetensors or a <c>torch.save</c> zip, read without running code), runs the encoder in eval
/// mode on the batch in an .npy file and writes the features (or the head's output) as float32 .npy.
/// The architecture is read off the checkpoint's shapes; <c>--widths</c>/<c>--strides</c>/<c>--hidden</c>
/// state what shapes cannot show or must agree with them.
/// </summary>
public sealed class ModelEmbedCommand : ICliCommand
{
    public string Parent => "model";

    public Command Build()
    {
        var options = new EncoderOptions();
        var weights = new Option<string>("--weights") { Description = "Weights: a .safetensors file or a PyTorch torch.save (.pt/.pth) checkpoint.", Required = true };
        var input = new Option<string>("--input") { Description = "Input .npy: ST-GCN N×3×T×25×2; GRU N×T×150 (index 6v+2c+m) or N×3×T×25×2.", Required = true };
        var output = new Option<string>("--output") { Description = "Output .npy (float32); an existing file is replaced only with --force.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the output file even if it is not the kit's own output of this command (the inputs never)." };
        var layer = new Option<string>("--output-layer") { Description = "feature (N×256 or N×2048) or projection (the head fc: N×128, or logits).", DefaultValueFactory = _ => "feature" };
        var prefix = new Option<string?>("--prefix") { Description = "Key prefix to select and strip (default: none for a bare encoder, encoder_q. for a whole pre-training checkpoint; 'module.' is always stripped)." };
        var batch = new Option<int>("--batch-size") { Description = "Clips per forward pass.", DefaultValueFactory = _ => 64 };
        var command = new Command("embed", "Run an encoder with PyTorch-compatible weights on an .npy batch and write its features as .npy.");
        options.AddTo(command);
        command.Options.Add(weights);
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(layer);
        command.Options.Add(prefix);
        command.Options.Add(batch);
        command.Options.Add(force);
        command.SetAction(r => CliRun.Guard(() =>
        {
            // An .npy has no room for a mark of who wrote it: any existing file is the user's until --force says otherwise.
            OutputGuard.File(r.GetValue(output)!, "a features array", null, r.GetValue(force), r.GetValue(weights), r.GetValue(input));
            return Run(options, r, r.GetValue(weights)!, r.GetValue(input)!, r.GetValue(output)!, r.GetValue(layer)!, r.GetValue(prefix)!, r.GetValue(batch));
        }));
        return command;
    }

    private static int Run(EncoderOptions options, ParseResult r, string weightsPath, string inputPath, string outputPath,
        string layer, string? prefix, int batchSize)
    {
        bool projection = layer.Trim().ToLowerInvariant() switch
        {
            "feature" or "features" => false,
            "projection" => true,
            _ => throw new UsageException($"--output-layer '{layer}': expected feature or projection"),
        };
        if (batchSize < 1) throw new UsageException("--batch-size must be at least 1");
        string kind = EncoderOptions.Kind(r.GetValue(options.Encoder)!);

        // Options first, so that an error in them is not blamed on the checkpoint.
        var stGcnBaseline = kind == "stgcn" ? options.StGcn(r) : null;
        var gruOptions = kind == "stgcn" ? null : options.Gru(r);
        using var weights = EncoderWeights.Read(weightsPath, kind, prefix, stGcnBaseline);
        if (weights.Gru is { } inferred && r.GetValue(options.Hidden) is not null && gruOptions!.Hidden != inferred.Hidden)
            throw new UsageException($"--hidden {gruOptions.Hidden} but the checkpoint's GRU has hidden size {inferred.Hidden}");
        // Features need only the backbone; the projection needs the checkpoint's head too.
        using SkeletonEncoder encoder = weights.Create(withHead: projection);

        using var x = Npy.ReadTensor(inputPath);
        CheckInput(kind, x, inputPath);
        var chunks = new List<Tensor>();
        using (no_grad())
        {
            for (long start = 0; start < x.shape[0]; start += batchSize)
            {
                using var scope = NewDisposeScope();
                using var clip = x.narrow(0, start, Math.Min(batchSize, x.shape[0] - start)).to(float32);
                var features = encoder.Features(clip);
                var y = projection ? encoder.Head(features) : features;
                chunks.Add(y.to(float32).contiguous().MoveToOuterDisposeScope());
            }
        }
        var result = chunks.Count == 1 ? chunks[0] : cat(chunks, 0);
        string shape = string.Join("×", result.shape);
        Npy.Write(outputPath, result);
        if (chunks.Count > 1) result.Dispose();
        foreach (var c in chunks) c.Dispose();
        Console.Error.WriteLine($"{weightsPath}: {weights.Report.Describe()}{(weights.Prefix.Length > 0 ? $" (prefix '{weights.Prefix}')" : "")}");
        Console.WriteLine($"{outputPath}: {shape} float32 ({(projection ? "projection" : "feature")})");
        return 0;
    }

    private static void CheckInput(string kind, Tensor x, string path)
    {
        string shape = string.Join("×", x.shape);
        bool clip = x.dim() == 5 && x.shape[1] == 3 && x.shape[3] == 25;
        bool sequence = x.dim() == 3 && x.shape[2] == 150;
        if (kind == "stgcn" && !clip)
            throw new DataFormatException(path, $"array is {shape}: ST-GCN expects N×3×T×25×M (N, coordinates, frames, joints, bodies)");
        if (kind == "gru" && !(sequence || (clip && x.shape[4] == 2)))
            throw new DataFormatException(path, $"array is {shape}: the GRU encoder expects N×T×150 (index 6v+2c+m) or N×3×T×25×2");
        if (x.shape[0] == 0) throw new DataFormatException(path, "array holds no clips");
    }
}
