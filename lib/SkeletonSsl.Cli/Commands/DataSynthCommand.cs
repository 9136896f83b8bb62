using System.CommandLine;
using System.Diagnostics;
using SkeletonSsl.Data.Synthetic;

namespace SkeletonSsl.Cli.Commands;

/// <summary>
/// <c>data synth</c>: writes the deterministic synthetic dataset in a real raw format: NTU
/// .skeleton files (plus the missing-skeleton list) or PKU-MMD long recordings with label and
/// split files.
/// </summary>
public sealed class DataSynthCommand : ICliCommand
{
    public string Parent => "data";

    public Command Build()
    {
        var outDir = new Option<string>("--out") { Description = "Folder to write; an existing synthetic set there is replaced atomically, anything else is refused without --force.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the --out folder even if it holds something else (still atomically: the old one is removed last)." };
        var format = new Option<string>("--format") { Description = "ntu (clips as .skeleton files), pku or pku2 (PKU-MMD Part I / II long recordings with labels and split files).", DefaultValueFactory = _ => "ntu" };
        var size = new Option<string>("--size") { Description = "Preset: smoke or quick; --classes/--subjects/--samples override it.", DefaultValueFactory = _ => "quick" };
        var classes = new Option<int?>("--classes") { Description = $"Action classes (2..{SyntheticActions.Names.Count})." };
        var subjects = new Option<int?>("--subjects") { Description = "Subjects (performers)." };
        var samples = new Option<int?>("--samples") { Description = "Approximate number of clips (NTU: rounded to whole repetitions of classes × subjects × 3 views; PKU: action instances over all views)." };
        var seed = new Option<int>("--seed") { Description = "Seed; the same seed gives the same bytes.", DefaultValueFactory = _ => 0 };
        var command = new Command("synth", "Generate the synthetic dataset in NTU or PKU-MMD raw format.") { outDir, format, size, classes, subjects, samples, seed, force };
        command.SetAction(r => CliRun.Guard(() =>
        {
            var preset = r.GetValue(size)!.Trim().ToLowerInvariant() switch
            {
                "smoke" => SyntheticSize.Smoke,
                "quick" => SyntheticSize.Quick,
                var s => throw new UsageException($"--size: expected smoke or quick, got '{s}'"),
            };
            var config = SyntheticConfig.For(preset, r.GetValue(seed));
            if (r.GetValue(classes) is { } k) config = config with { Classes = k };
            if (r.GetValue(subjects) is { } s2) config = config with { Subjects = s2 };
            string fmt = r.GetValue(format)!.Trim().ToLowerInvariant();
            var watch = Stopwatch.StartNew();
            switch (fmt)
            {
                case "ntu":
                    if (r.GetValue(samples) is { } n)
                        config = config with { Repetitions = Math.Max(1, (int)Math.Round(n / (3.0 * config.Classes * config.Subjects))) };
                    var generator = new SyntheticNtuGenerator(config);
                    var description = CliProgress.Run($"writing {generator.Clips.Count} clips", generator.Clips.Count,
                        p => generator.Write(r.GetValue(outDir)!, p, r.GetValue(force)));
                    Console.WriteLine($"wrote {description.Clips} clips ({description.Classes.Count} classes, {config.Subjects} subjects, " +
                                      $"{description.MissingSkeletons.Count} missing-skeleton, {description.Corrupt.Count} corrupt) " +
                                      $"to {r.GetValue(outDir)} in {watch.Elapsed.TotalSeconds:F1} s");
                    break;
                case "pku" or "pku1" or "pku2":
                    var pku = new SyntheticPkuGenerator(SyntheticPkuConfig.From(preset, fmt == "pku2" ? 2 : 1, r.GetValue(seed), r.GetValue(classes), r.GetValue(subjects), r.GetValue(samples)));
                    var written = CliProgress.Run($"writing {pku.Videos.Count} recordings", pku.Videos.Count, p => pku.Write(r.GetValue(outDir)!, p, r.GetValue(force)));
                    Console.WriteLine($"wrote {written.Videos} recordings with {written.Instances} action instances " +
                                      $"({written.Classes.Count} classes, imitating {written.Imitates}) to {r.GetValue(outDir)} in {watch.Elapsed.TotalSeconds:F1} s");
                    break;
                default:
                    throw new UsageException($"--format: expected ntu, pku (Part I naming) or pku2, got '{fmt}'");
            }
            return 0;
        }));
        return command;
    }
}
