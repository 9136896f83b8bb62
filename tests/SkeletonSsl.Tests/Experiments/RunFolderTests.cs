using System.Collections.Concurrent;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Experiments;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tests.Cli;
using SkeletonSsl.Tests.Data;
using SkeletonSsl.Tests.Methods;
using SkeletonSsl.Training;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Experiments;

/// <summary>
/// Run folders tell the truth after every kind of stop (finished, killed, non-finite loss, full disk,
/// resumed after finishing), leftovers of killed writers are cleared on the next start, and a lock keeps
/// two callers from training the same run.
/// </summary>
[Collection(SkeletonSsl.Tests.Training.GlobalRngCollection.Name)]
public sealed class RunFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("skeletonssl-runfolder-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static PretrainConfig Smoke(int epochs, double? lr = null)
    {
        var config = PretrainConfig.Of(SkeletonClrConfig.Paper, Profile.Smoke);
        return config with { Method = config.Method with { Training = config.Training with { Epochs = epochs, LearningRate = lr ?? config.Training.LearningRate } } };
    }

    private static SkeletonDataset Clips(int count = 32) =>
        new(TestViews.Clips(count, frames: 50), new long[count], Enumerable.Range(0, count).Select(i => $"clip{i}").ToArray(), 1);

    private string Dir(string name) => Path.Combine(_root, name);

    [Fact]
    public void A_non_finite_loss_after_some_epochs_records_the_epochs_really_done()
    {
        // A learning rate of 1e30 keeps the first step's loss finite and breaks the weights with its update.
        string dir = Dir("nan");
        var e = Assert.Throws<NonFiniteLossException>(() => Pretraining.Run(Smoke(5, lr: 1e30), Clips(16), dir, device: CPU));
        Assert.True(e.Epoch >= 2, $"the loss broke in epoch {e.Epoch}; the test needs at least one good epoch first");
        var info = PretrainRunFolder.ReadInfo(dir);
        Assert.Equal("stopped: non-finite loss", info.Status);
        Assert.Equal(e.Epoch - 1, info.EpochsDone);
        Assert.Equal(e.Epoch - 1, MetricsLog.ReadLosses(dir).Count);
        Assert.Contains(dir, info.Reason);
    }

    [Fact]
    public void A_full_disk_marks_the_run_failed_with_the_reason_and_frees_the_partial_checkpoint()
    {
        if (!File.Exists("/dev/full")) return;                 // the ENOSPC device exists on Linux only
        string dir = Dir("full");
        string partial = AtomicFile.TempPath(Path.Combine(dir, Trainer.CheckpointFolder, PretrainCheckpoint.FileName(1)));
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        File.CreateSymbolicLink(partial, "/dev/full");           // the first checkpoint's writes fail with ENOSPC
        var e = Assert.ThrowsAny<IOException>(() => Pretraining.Run(Smoke(2), Clips(), dir, device: CPU));
        var info = PretrainRunFolder.ReadInfo(dir);
        Assert.Equal(PretrainRunInfo.Failed, info.Status);
        Assert.Equal(1, info.EpochsDone);
        Assert.Equal(SkeletonSsl.Cli.CliRun.OneLine(e.Message), info.Reason);
        Assert.NotNull(info.Finished);
        Assert.False(File.Exists(partial) || Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(partial)!).Any());
    }

    [Fact]
    public void The_stop_is_recorded_even_when_the_disk_has_no_room_for_a_temporary_file()
    {
        if (!File.Exists("/dev/full")) return;
        string dir = Dir("no-room");
        Directory.CreateDirectory(dir);
        PretrainRunFolder.WriteInfo(dir, new PretrainRunInfo { Pid = Environment.ProcessId, EpochsDone = 3, Epochs = 10 });
        File.CreateSymbolicLink(AtomicFile.TempPath(Path.Combine(dir, PretrainRunFolder.InfoFile)), "/dev/full");
        PretrainRunFolder.WriteStop(dir, new PretrainRunInfo { Status = PretrainRunInfo.Failed, Reason = "disk full", EpochsDone = 3, Epochs = 10 });
        var info = PretrainRunFolder.ReadInfo(dir);
        Assert.Equal((PretrainRunInfo.Failed, "disk full", 3), (info.Status, info.Reason, info.EpochsDone));
    }

    [Fact]
    public void Resuming_a_finished_run_reports_it_and_keeps_its_record()
    {
        string dir = Dir("done");
        var first = Pretraining.Run(Smoke(1), Clips(), dir, device: CPU);
        var record = File.ReadAllText(Path.Combine(dir, PretrainRunFolder.InfoFile));
        var again = Pretraining.Run(Smoke(1), Clips(), dir, resume: true, device: CPU);
        Assert.True(again.AlreadyFinished);
        Assert.Empty(again.Epochs);
        Assert.Equal(record, File.ReadAllText(Path.Combine(dir, PretrainRunFolder.InfoFile)));
        Assert.Equal(first.Info.FinalLoss, again.Info.FinalLoss);
        Assert.NotNull(again.Info.SamplesPerSecond);
    }

    [Fact]
    public void Resuming_a_run_killed_after_its_last_checkpoint_completes_it_with_its_figures()
    {
        string dir = Dir("last");
        Pretraining.Run(Smoke(2), Clips(), dir, device: CPU);
        var done = PretrainRunFolder.ReadInfo(dir);
        // What a kill between the last checkpoint and the final record leaves: "running", no encoder, a dead writer.
        PretrainRunFolder.WriteInfo(dir, done with { Status = PretrainRunInfo.Running, Pid = CliProcess.EndedProcessId(), Finished = null });
        File.Delete(Path.Combine(dir, PretrainRunFolder.EncoderFile));
        Assert.Equal(PretrainRunInfo.Interrupted, PretrainRunFolder.ReadInfo(dir).Status);
        var resumed = Pretraining.Run(Smoke(2), Clips(), dir, resume: true, device: CPU);
        Assert.Empty(resumed.Epochs);
        var info = PretrainRunFolder.ReadInfo(dir);
        Assert.Equal((PretrainRunInfo.Complete, 2, done.FinalLoss, done.SamplesPerSecond), (info.Status, info.EpochsDone, info.FinalLoss, info.SamplesPerSecond));
        Assert.True(File.Exists(Path.Combine(dir, PretrainRunFolder.EncoderFile)));
    }

    [Fact]
    public void A_non_empty_folder_that_is_not_a_run_folder_is_refused_untouched()
    {
        string dir = Dir("mine");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "thesis.txt"), "thesis");
        Assert.Throws<OutputConflictException>(() => Pretraining.Run(Smoke(1), Clips(), dir, device: CPU));
        Assert.Equal(["thesis.txt"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void A_caller_waits_while_another_holds_the_runs_lock()
    {
        string dir = Dir("locked");
        var held = RunLock.Acquire(dir);
        Assert.True(RunLock.IsHeld(dir));
        Assert.Null(RunLock.TryAcquire(dir));
        var training = Task.Run(() => Pretraining.Run(Smoke(1), Clips(), dir, device: CPU));
        Assert.False(training.Wait(TimeSpan.FromSeconds(1.5)), "training started while the lock was held");
        held.Dispose();
        Assert.Equal(PretrainRunInfo.Complete, training.Result.Info.Status);
        Assert.False(RunLock.IsHeld(dir));
    }

    [Fact]
    public void Two_callers_of_the_same_run_train_it_once_and_the_second_reuses_it()
    {
        NativeRuntime.EnsureInitialised();
        _ = SmokeStores.AimClr;                                   // the synthetic store, made once beforehand
        var spec = new PretrainSpec(SkeletonClrConfig.Paper, SkeletonStream.Joint, "ntu60", "xsub");
        var logs = new ConcurrentQueue<string>();
        using var context = new ExperimentContext(Profile.Smoke, 0, CPU, null, Dir("shared"), SmokeStores.Root, logs.Enqueue);
        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(() => Pretraining.Run(context, spec))).ToArray();
        Task.WaitAll(runs);
        Assert.Single(logs, l => l.TrimStart().StartsWith("training", StringComparison.Ordinal));
        Assert.Single(logs, l => l.TrimStart().StartsWith("reusing", StringComparison.Ordinal));
        Assert.Equal(runs[0].Result.LossCurve, runs[1].Result.LossCurve);
    }

    private string SmokeStore()
    {
        string store = Path.Combine(_root, "store");
        if (Directory.Exists(store)) return store;
        using var data = TestViews.Clips(32, frames: 50);
        using var writer = new PreparedStoreWriter(store);
        writer.AddPart("xsub", "train", data, new long[32], [.. Enumerable.Range(0, 32).Select(i => $"c{i}")], 1);
        writer.Commit("ntu60", "aimclr", "1", ["a"], 50, new PreparedProvenance("test", DateTimeOffset.UnixEpoch, "test", new Dictionary<string, string>(), 0, []));
        return store;
    }

    /// <summary>Waits until the child process holds the run's lock and has written its first record.</summary>
    private static void WaitUntilTraining(System.Diagnostics.Process child, string dir, int epochs)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!(File.Exists(Path.Combine(dir, PretrainRunFolder.InfoFile)) && RunLock.IsHeld(dir) == true
                 && PretrainRunFolder.ReadInfo(dir).EpochsDone >= epochs))
        {
            Assert.False(child.HasExited, "the child pretrain ended early");
            Assert.True(DateTime.UtcNow < deadline, "the child pretrain made no progress");
            Thread.Sleep(50);
        }
    }

    [Fact]
    [Trait("Category", "Kill")]
    public void A_second_process_waits_for_the_one_training_the_run_and_then_reuses_its_result()
    {
        NativeRuntime.EnsureInitialised();
        string store = SmokeStore(), dir = Dir("two-processes");
        const int epochs = 6;
        using var child = CliProcess.Start("pretrain", "--method", "skeletonclr", "--data", store, "--profile", "smoke", "--out", dir,
                                           "--epochs", epochs.ToString(), "--device", "cpu");
        WaitUntilTraining(child, dir, epochs: 0);
        Assert.Equal(PretrainRunInfo.Running, PretrainRunFolder.ReadInfo(dir).Status);
        var config = PretrainConfig.Of(SkeletonClrConfig.Paper, Profile.Smoke);
        var second = Pretraining.Run(config.WithEpochs(epochs),
                                     PreparedStore.Open(store).Load("xsub", "train"), dir, resume: true, device: CPU);
        Assert.True(second.AlreadyFinished, "the second process trained the run again");
        Assert.Equal(epochs, second.Info.EpochsDone);
        Assert.Equal(child.Id, second.Info.Pid);
        child.WaitForExit();
        Assert.Equal(0, child.ExitCode);
    }

    [Fact]
    [Trait("Category", "Kill")]
    public void A_killed_run_reads_as_interrupted_and_the_next_start_clears_its_leftovers_and_finishes_it()
    {
        NativeRuntime.EnsureInitialised();
        string store = SmokeStore(), dir = Dir("killed");
        using var child = CliProcess.Start("pretrain", "--method", "skeletonclr", "--data", store, "--profile", "smoke", "--out", dir,
                                           "--epochs", "1000", "--device", "cpu");
        WaitUntilTraining(child, dir, epochs: 2);
        Assert.True(RunLock.IsHeld(dir));                           // the child holds the run
        Assert.Equal(PretrainRunInfo.Running, PretrainRunFolder.ReadInfo(dir).Status);
        CliProcess.KillHard(child);

        var killed = PretrainRunFolder.ReadInfo(dir);
        Assert.Equal(PretrainRunInfo.Interrupted, killed.Status);
        Assert.Contains("--resume", killed.Reason);
        // What a kill in the middle of a write leaves: partial files under the dead writer's id.
        int ended = child.Id;
        string[] leftovers =
        [
            Path.Combine(dir, Trainer.CheckpointFolder, $"{PretrainCheckpoint.FileName(killed.EpochsDone + 1)}.tmp-{ended}"),
            Path.Combine(dir, $"{MetricsLog.FileName}.tmp-{ended}"),
            Path.Combine(dir, $"{PretrainRunFolder.InfoFile}.tmp-{ended}"),
        ];
        foreach (string f in leftovers) File.WriteAllText(f, "partial");

        int target = killed.EpochsDone + 1;
        var train = PreparedStore.Open(store).Load("xsub", "train");
        var config = PretrainConfig.Of(SkeletonClrConfig.Paper, Profile.Smoke);
        var resumed = Pretraining.Run(config.WithEpochs(target), train, dir, resume: true, device: CPU);
        Assert.All(leftovers, f => Assert.False(File.Exists(f), $"{f} was left"));
        var info = PretrainRunFolder.ReadInfo(dir);
        Assert.Equal(PretrainRunInfo.Complete, info.Status);
        Assert.Equal(target, info.EpochsDone);
        Assert.Equal(target, MetricsLog.ReadLosses(dir).Count);
        Assert.NotNull(resumed.Info.FinalLoss);
    }
}
