using SkeletonSsl.Data.Formats;
using SkeletonSsl.Experiments;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Experiments;

/// <summary>
/// The results store and run folders with several writers at once, as cluster jobs on a shared filesystem are: each
/// experiment is computed by exactly one of them, no stored result is lost when several finish together, and one
/// writer's cleanup never removes another's temporary file (a writer on another host has a pid that means nothing here).
/// </summary>
public sealed class ConcurrentWritersTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skeletonssl-writers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RunnerOptions Options => new(Profile.Smoke, 0, "cpu", null, Path.Combine(_dir, "runs"));

    [Fact]
    public void Four_table_runs_at_once_compute_each_experiment_once_and_lose_no_result()
    {
        var table = Catalog.Default.Table("aimclr-table2");
        var fakes = Enumerable.Range(0, 4).Select(_ => new FakeParts()).ToList();
        var runs = new TableRun[fakes.Count];
        using var start = new Barrier(fakes.Count);
        var threads = fakes.Select((fake, i) => new Thread(() =>
        {
            var store = new ResultStore(Path.Combine(_dir, "results"));            // one store object per writer, as one per job
            start.SignalAndWait();
            runs[i] = fake.Runner(fake.Catalog(), store, Options).Run(table);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.True(t.Join(TimeSpan.FromMinutes(2)), "a table run did not finish within 2 minutes"));

        int experiments = table.Experiments.Count();
        Assert.Equal(experiments, fakes.Sum(f => f.Evaluated.Count));              // each computed by one writer only
        Assert.Equal(experiments, fakes.SelectMany(f => f.Evaluated).Distinct().Count());
        Assert.All(runs, r => Assert.Equal(experiments, r.Rows.Count));            // every writer sees every result
        Assert.Equal(experiments, runs.Sum(r => r.Computed.Count));
        var stored = new ResultStore(Path.Combine(_dir, "results")).All().ToList();
        Assert.Equal(experiments, stored.Count);
        Assert.All(stored, r => Assert.Equal(FakeParts.ValueOf(r.Spec), r.Metrics["top1"]));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_dir, "results"), "*.tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Saving_many_records_at_once_keeps_every_one()
    {
        var fake = new FakeParts();
        var table = Catalog.Default.Table("aimclr-table2");
        var store = new ResultStore(Path.Combine(_dir, "results"));
        var records = fake.Runner(fake.Catalog(), store, Options).Run(table).Computed
            .Select(s => store.TryLoad(new ExperimentKey(s, Profile.Smoke, 0, DataKind.Synthetic))!).ToList();
        var other = new ResultStore(Path.Combine(_dir, "again"));
        Parallel.ForEach(records, new ParallelOptions { MaxDegreeOfParallelism = 8 }, r => other.Save(r));
        Assert.Equal(records.Select(r => r.ConfigHash).Order(), other.All().Select(r => r.ConfigHash).Order());
    }

    [Fact]
    public void A_writers_cleanup_removes_only_its_own_keys_leftovers()
    {
        var specs = Catalog.Default.Table("aimclr-table2").Experiments.Take(2).ToList();
        var store = new ResultStore(Path.Combine(_dir, "results"));
        var (mine, theirs) = (new ExperimentKey(specs[0], Profile.Smoke, 0, DataKind.Synthetic), new ExperimentKey(specs[1], Profile.Smoke, 0, DataKind.Synthetic));
        // Both look like a killed writer's (pid not running here); the second is another key's writer, maybe on another host.
        int ended = SkeletonSsl.Tests.Cli.CliProcess.EndedProcessId();
        string myLeftover = $"{store.PathOf(mine)}.tmp-{ended}", theirFile = $"{store.PathOf(theirs)}.tmp-{ended}";
        Directory.CreateDirectory(Path.GetDirectoryName(myLeftover)!);
        File.WriteAllText(myLeftover, "{ half");
        File.WriteAllText(theirFile, "{ being written");
        Assert.Equal(1, store.RemoveLeftovers(mine));
        Assert.False(File.Exists(myLeftover));
        Assert.True(File.Exists(theirFile));
        Assert.True(AtomicFile.TryParseLeftover(Path.GetFileName(theirFile), out _, out _, out _));
    }
}
