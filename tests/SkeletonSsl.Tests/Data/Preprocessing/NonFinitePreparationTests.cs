using SkeletonSsl.Cli;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Data.Preprocessing;
using SkeletonSsl.Tests.Data.Formats;

namespace SkeletonSsl.Tests.Data.Preprocessing;

/// <summary>A NaN in a raw .skeleton file never reaches the prepared store unless the user asks for it.</summary>
public sealed class NonFinitePreparationTests
{
    /// <summary>A tiny synthetic raw set with "NaN" as the y of joint 2 in one file; returns that file's name, path and the line.</summary>
    private static (string Name, int Line) PoisonOneFile(TempDir dir)
    {
        Assert.Equal(0, Program.BuildRoot().Parse(["data", "synth", "--out", dir.File("raw"), "--size", "smoke", "--classes", "3", "--subjects", "4"]).Invoke());
        string path = Directory.EnumerateFiles(dir.File("raw"), "*.skeleton", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var lines = File.ReadAllLines(path);
        int joint = Array.FindIndex(lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 12) + 1; // joint 2
        var tokens = lines[joint].Split(' ');
        tokens[1] = "NaN";
        lines[joint] = string.Join(' ', tokens);
        File.WriteAllLines(path, lines);
        return (Path.GetFileNameWithoutExtension(path), joint + 1);
    }

    [Fact]
    public void A_file_with_a_NaN_is_skipped_with_its_line_and_the_option_keeps_it_with_a_warning()
    {
        using var dir = new TempDir();
        var (name, line) = PoisonOneFile(dir);

        var strict = NtuPreparer.Prepare("ntu60", dir.File("raw"), PreparePipeline.AimClr, dir.File("strict"));
        var skipped = Assert.Single(strict.Provenance.Skipped, s => s.Name == name);
        Assert.Contains($".skeleton:{line}", skipped.Reason);
        Assert.Contains("finite", skipped.Reason);

        var warnings = new List<string>();
        var kept = NtuPreparer.Prepare("ntu60", dir.File("raw"), PreparePipeline.AimClr, dir.File("kept"),
            textOptions: new SkeletonTextOptions { AllowNonFinite = true, Warn = warnings.Add });
        var why = kept.Provenance.Skipped.FirstOrDefault(s => s.Name == name)?.Reason;
        Assert.True(why is null, why);
        Assert.Contains(warnings, w => w.Contains($"{name}.skeleton:{line}") && w.Contains("non-finite"));
    }
}
