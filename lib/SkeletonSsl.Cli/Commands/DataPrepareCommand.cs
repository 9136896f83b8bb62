using System.CommandLine;
using System.Diagnostics;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Data.Preprocessing;

namespace SkeletonSsl.Cli.Commands;

/// <summary>
/// <c>data prepare</c>: raw NTU RGB+D 60/120 or PKU-MMD I/II (or a synthetic set imitating one) → a prepared store
/// with the AimCLR or CMD/PCM3 pipeline, or PKU-MMD's untrimmed recordings with frame labels for action detection. Skipped samples are reported on stderr, one line each.
/// </summary>
public sealed class DataPrepareCommand : ICliCommand
{
    public string Parent => "data";

    public Command Build()
    {
        var dataset = new Option<string>("--dataset") { Description = "ntu60, ntu120, pku1 or pku2 (a synthetic set is prepared as the dataset it imitates, e.g. ntu60).", Required = true };
        var raw = new Option<string>("--raw") { Description = "Folder with the raw files (.skeleton files directly or in sub-folders).", Required = true };
        var pipeline = new Option<string>("--pipeline") { Description = "aimclr (50 frames), cmd (300 frames; CMD/PCM3/A2MC) or detection (PKU-MMD only: whole recordings, raw coordinates, frame labels; PCM3 Table 5).", Required = true };
        var outDir = new Option<string>("--out") { Description = "Store folder to write; an existing prepared store there is replaced atomically, anything else is refused without --force; never inside --raw.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the --out folder even if it holds something else (still atomically: the old one is removed last)." };
        var ignore = new Option<string?>("--ignore") { Description = "NTU: the official missing-skeleton list (default: its official name inside --raw)." };
        var splits = new Option<string?>("--splits") { Description = "PKU-MMD: folder with the official split files (default: --raw/Split)." };
        var allowNonFinite = new Option<bool>("--allow-non-finite") { Description = "Keep NaN/infinite coordinates (one warning per file) instead of skipping the file." };
        var command = new Command("prepare", "Prepare a raw dataset into a store (manifest, splits, .npy tensors).") { dataset, raw, pipeline, outDir, ignore, splits, allowNonFinite, force };
        command.SetAction(r => CliRun.Guard(() =>
        {
            string ds = r.GetValue(dataset)!.Trim().ToLowerInvariant();
            string pipelineName = r.GetValue(pipeline)!.Trim().ToLowerInvariant();
            bool detection = pipelineName == PkuDetectionPreparer.Pipeline;
            if (detection && ds is not ("pku1" or "pku2"))
                throw new UsageException($"--pipeline detection prepares PKU-MMD's untrimmed recordings: expected --dataset pku1 or pku2, got '{ds}'");
            var pipe = detection ? null : PreparePipeline.Parse(pipelineName);
            var text = new SkeletonTextOptions { AllowNonFinite = r.GetValue(allowNonFinite), Warn = Console.Error.WriteLine };
            var watch = Stopwatch.StartNew();
            var manifest = detection
                ? PkuDetectionPreparer.Prepare(ds, r.GetValue(raw)!, r.GetValue(outDir)!, r.GetValue(splits), Console.Error.WriteLine, textOptions: text, force: r.GetValue(force))
                : ds switch
            {
                "ntu60" or "ntu120" => NtuPreparer.Prepare(ds, r.GetValue(raw)!, pipe!, r.GetValue(outDir)!, r.GetValue(ignore), Console.Error.WriteLine, textOptions: text, force: r.GetValue(force)),
                "pku1" or "pku2" => PkuPreparer.Prepare(ds, r.GetValue(raw)!, pipe!, r.GetValue(outDir)!, r.GetValue(splits), Console.Error.WriteLine, textOptions: text, force: r.GetValue(force)),
                _ => throw new UsageException($"--dataset: expected ntu60, ntu120, pku1 or pku2, got '{ds}'"),
            };
            foreach (var split in manifest.Splits)
                Console.WriteLine($"{split.Name}: " + string.Join(", ", split.Parts.Select(p => $"{p.Name} {p.Count}")));
            Console.WriteLine($"prepared {manifest.Dataset} with {manifest.Pipeline} ({manifest.Frames} frames, {manifest.NumClasses} classes, " +
                              $"{manifest.Provenance.Skipped.Count} skipped) into {r.GetValue(outDir)} in {watch.Elapsed.TotalSeconds:F1} s; content {manifest.ContentHash[..12]}");
            return 0;
        }));
        return command;
    }
}
