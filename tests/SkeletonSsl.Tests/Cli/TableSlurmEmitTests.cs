using SkeletonSsl.Cli;
using SkeletonSsl.Experiments;
using SkeletonSsl.Tables;
using SkeletonSsl.Tests.Data.Formats;

namespace SkeletonSsl.Tests.Cli;

/// <summary><c>table run --executor slurm --emit DIR</c>: the scripts a cluster's reviewers read, written without submitting anything.</summary>
[Collection(RedirectedConsoleCollection.Name)]
public sealed class TableSlurmEmitTests
{
    [Fact]
    public void Emit_writes_an_array_of_the_tables_runs_and_a_report_job_that_depends_on_it()
    {
        using var dir = new TempDir();
        string emit = dir.File("scripts"), output = dir.File("tables");
        var (code, stdout, err) = CliHarness.Run("table", "run", "pcm3-table2", "--executor", "slurm", "--emit", emit, "--out", output,
                                                 "--profile", "smoke", "--seed", "3", "--partition", "gpu-short", "--gres", "gpu:1",
                                                 "--time", "02:00:00", "--account", "lab");
        Assert.True(code == 0, err + stdout);
        var runs = Runner.PretrainRuns(Catalog.Default.Table("pcm3-table2"), Catalog.Default);
        Assert.Equal(2, runs.Count);                                     // Table 1's NTU-60 xview and xsub runs
        string array = File.ReadAllText(Path.Combine(emit, SlurmJobs.ArrayScript));
        Assert.StartsWith("#!/bin/bash\n", array);
        foreach (var line in new[] { "#SBATCH --array=0-1", "#SBATCH --requeue", "#SBATCH --partition=gpu-short", "#SBATCH --gres=gpu:1",
                                     "#SBATCH --time=02:00:00", "#SBATCH --account=lab", $"RUNS=({runs[0].Hash} {runs[1].Hash})" })
            Assert.Contains(line + "\n", array);
        // The CLI by absolute path: "dotnet DLL" under the dotnet host (as here), else its app host.
        string cli = string.Join(' ', Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
            ? [Path.GetFullPath(Environment.ProcessPath!), typeof(Program).Assembly.Location] : new[] { Environment.ProcessPath! });
        Assert.Contains($"exec {cli} ", array);
        Assert.Contains($" table run-task pcm3-table2 --run \"${{RUNS[$SLURM_ARRAY_TASK_ID]}}\" --profile smoke --seed 3 --device cuda --out {Path.GetFullPath(output)}", array);
        string report = File.ReadAllText(Path.Combine(emit, SlurmJobs.ReportScript));
        Assert.Contains($"exec {cli} table run pcm3-table2 --profile smoke --seed 3 --device cuda --out {Path.GetFullPath(output)}", report);
        Assert.DoesNotContain("--array", report);
        string submit = File.ReadAllText(Path.Combine(emit, SlurmJobs.SubmitScript));
        Assert.Contains("--dependency=afterok:$array", submit);
        Assert.False(File.Exists(Path.Combine(output, "slurm", "pcm3-table2", SlurmJobs.JobsFile)));   // nothing was submitted
    }

    [Fact]
    public void Slurm_options_need_the_slurm_executor()
    {
        var (code, _, err) = CliHarness.Run("table", "run", "pcm3-table2", "--partition", "p", "--profile", "smoke");
        Assert.Equal(CliRun.BadInput, code);
        Assert.Contains("--partition needs --executor slurm", err);
        (code, _, err) = CliHarness.Run("table", "run", "pcm3-table2", "--executor", "pbs", "--profile", "smoke");
        Assert.Equal(CliRun.BadInput, code);
        Assert.Contains("unknown --executor 'pbs'", err);
    }
}
