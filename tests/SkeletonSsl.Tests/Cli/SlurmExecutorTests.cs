using System.Diagnostics;
using System.Text.Json;
using SkeletonSsl.Experiments;
using SkeletonSsl.Tables;
using SkeletonSsl.Tests.Data.Formats;

namespace SkeletonSsl.Tests.Cli;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SlurmClusterCollection
{
    public const string Name = "A real single-node Slurm cluster";
}

/// <summary>
/// <c>table run --executor slurm</c> on a real Slurm (issue 17): a single-node cluster started on this machine
/// (<see cref="SlurmCluster"/>) runs PCM3 Table 2 on the Smoke profile (the cheapest table with more than one pre-training
/// run: two 3-epoch GRU runs, four semi-supervised evaluations); one array task is requeued after its first checkpoint
/// (what pre-emption does), resumes and completes; the report job runs after the array; every stored number equals a local
/// run's with the same seed. Needs slurm-wlm and munge (environment/setup.sh installs them): without them it fails, naming
/// what is missing, like the Chromium tests do; it does not pass silently.
/// </summary>
[Collection(SlurmClusterCollection.Name)]
public sealed class SlurmExecutorTests
{
    private const string Table = "pcm3-table2";
    private static readonly TimeSpan JobsLimit = TimeSpan.FromMinutes(3);

    [Fact]
    public void A_smoke_table_through_slurm_equals_the_local_run_and_a_requeued_task_resumes()
    {
        if (SlurmCluster.Missing() is { } missing)
            Assert.Fail(missing + (Environment.GetEnvironmentVariable("CI") == "true" ? " (CI must install it: .ci/run)" : ""));
        var clock = Stopwatch.StartNew();
        using var dir = new TempDir();
        string local = dir.File("local"), cluster = dir.File("slurm");

        // The local executor's numbers, same profile and seed.
        var (code, output) = Cli(null, "table", "run", Table, "--profile", "smoke", "--seed", "0", "--device", "cpu", "--out", local);
        Assert.True(code == 0, $"local table run failed:\n{output}");

        using var slurm = SlurmCluster.Start();
        (code, output) = Cli(slurm.ClientEnvironment(), "table", "run", Table, "--executor", "slurm", "--profile", "smoke", "--seed", "0",
                             "--device", "cpu", "--out", cluster, "--partition", SlurmCluster.Partition, "--time", "00:10:00");
        string logs = Path.Combine(cluster, "slurm", Table);
        Assert.True(code == 0, $"submission failed:\n{output}\n{slurm.Logs(logs)}");
        var submission = SlurmSubmission.TryLoad(Path.Combine(logs, SlurmJobs.JobsFile))!;
        Assert.Equal(2, submission.Runs.Count);
        string array = submission.ArrayJob!, report = submission.ReportJob;
        string dependency = slurm.Job(report).GetValueOrDefault("Dependency") ?? "(none)";
        Assert.True(dependency.Contains($"afterok:{array}"), $"report job {report} depends on {dependency}, not afterok:{array}");

        // Pre-empt task 1 after its first epoch's checkpoint: requeue puts it back to pending (its process is killed).
        string victim = $"{array}_1";
        string runDir = Path.Combine(cluster, "pretrain", "smoke", "synthetic", $"{submission.Runs[1]}-seed0");
        slurm.WaitFor(TimeSpan.FromSeconds(90), $"task {victim} to checkpoint its first epoch in {runDir}", () =>
            File.Exists(Path.Combine(runDir, "checkpoints", "epoch-0001.ckpt")) || File.Exists(Path.Combine(runDir, PretrainRunFolder.EncoderFile)), logs);
        Assert.False(File.Exists(Path.Combine(runDir, PretrainRunFolder.EncoderFile)),
                     $"task {victim} finished before it could be requeued; the test cannot show a resume\n{slurm.Logs(logs)}");
        var requeue = slurm.Client("scontrol", "requeue", victim);
        Assert.True(requeue.Code == 0, $"scontrol requeue {victim}: {requeue.Err}\n{slurm.Logs(logs)}");
        slurm.WaitFor(TimeSpan.FromSeconds(30), $"{victim} to be requeued (Restarts=1)", () => slurm.Job(victim).GetValueOrDefault("Restarts") is "1", logs, 200);
        // A requeued job gets a begin time about two minutes ahead; whenever it waits for it, let it start now.
        slurm.WaitFor(JobsLimit, $"the array {array} and the report job {report} to finish", () =>
        {
            if (slurm.Job(victim) is var j && j.GetValueOrDefault("JobState") == "PENDING" && j.GetValueOrDefault("Reason") == "BeginTime")
                slurm.Client("scontrol", "update", $"JobId={victim}", "StartTime=now");
            return slurm.Client("squeue", "-h", "-j", $"{array},{report}").Out.Trim().Length == 0;
        }, logs, 500);
        string jobLogs = slurm.Logs(logs);
        Assert.True(slurm.Job(report).GetValueOrDefault("JobState") == "COMPLETED", $"report job {report}: {slurm.Job(report).GetValueOrDefault("JobState")}\n{jobLogs}");
        Assert.All(new[] { $"{array}_0", victim }, t => Assert.True(slurm.Job(t).GetValueOrDefault("JobState") == "COMPLETED", $"{t}: not completed\n{jobLogs}"));

        // The requeued task ran twice and its second attempt resumed from the checkpoint.
        string victimLog = File.ReadAllText(Directory.EnumerateFiles(logs, $"pretrain-{array}_1.out").Single());
        Assert.True(victimLog.Contains("restart 0") && victimLog.Contains("restart 1") && victimLog.Contains("resuming "), $"task log:\n{victimLog}");
        var info = PretrainRunFolder.ReadInfo(runDir);
        Assert.Equal((PretrainRunInfo.Complete, 3), (info.Status, info.EpochsDone));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(runDir, "metrics.csv")).Length);          // a header and 3 epochs, none twice

        // The same numbers as the local executor's, experiment by experiment.
        var expected = new ResultStore(Path.Combine(local, "results")).All().ToDictionary(r => r.ConfigHash);
        var actual = new ResultStore(Path.Combine(cluster, "results")).All().ToDictionary(r => r.ConfigHash);
        Assert.Equal(4, expected.Count);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (hash, record) in expected)
            Assert.True(JsonSerializer.Serialize(record.Metrics) == JsonSerializer.Serialize(actual[hash].Metrics),
                        $"{hash}: local {JsonSerializer.Serialize(record.Metrics)} vs slurm {JsonSerializer.Serialize(actual[hash].Metrics)}");
        Assert.True(File.Exists(Path.Combine(cluster, $"{Table}.md")), $"no report written\n{jobLogs}");

        // table status: every run complete, every job COMPLETED.
        string status = Status(slurm, cluster);
        Assert.Contains("4 of 4 experiment(s) stored", status);
        Assert.Contains($"slurm {victim}: COMPLETED", status);
        Assert.Contains($"report job {report}: COMPLETED", status);
        Assert.DoesNotContain("interrupted", status);
        Console.WriteLine($"Slurm table test: {clock.Elapsed.TotalSeconds:0} s");
    }

    private static string Status(SlurmCluster slurm, string cluster) =>
        Cli(slurm.ClientEnvironment(), "table", "status", Table, "--profile", "smoke", "--seed", "0", "--out", cluster).Output;

    /// <summary>The built CLI in a child process (the jobs run the same build), stdout and stderr together.</summary>
    private static (int Code, string Output) Cli(Dictionary<string, string>? env, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(CliProcess.Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var err = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after 3 minutes: {string.Join(' ', args)}\n{output.Result}{err.Result}");
        }
        return (process.ExitCode, output.Result + err.Result);
    }
}
