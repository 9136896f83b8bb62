using CsCheck;
using SkeletonSsl.Cli.Fuzz;
using SkeletonSsl.Data;
using SkeletonSsl.Training;

namespace SkeletonSsl.Tests.Cli.Fuzz;

/// <summary>
/// Property-based mutation tests of every reader: for any seed file and any one to six edits
/// (<see cref="Mutator"/>), the reader either reads the file or refuses it with a
/// <see cref="DataFormatException"/> naming it, within a time limit; no other exception, no hang.
/// CsCheck generates and shrinks the edits; each format has a fixed seed, so runs are repeatable.
/// Sizes are kept small for CI; <c>bench fuzz</c> runs the same targets at 100,000 mutations.
/// </summary>
public sealed class ReaderFuzzTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private static readonly Gen<Mutation> GenMutation =
        Gen.Select(Gen.Byte[0, Mutation.Kinds - 1], Gen.UInt, Gen.UInt, Gen.UInt, (k, a, b, c) => new Mutation(k, a, b, c));

    private readonly string _scratch = Directory.CreateTempSubdirectory("skeletonssl-fuzz-tests-").FullName;

    public ReaderFuzzTests() => NativeRuntime.EnsureInitialised();

    public void Dispose()
    {
        try { Directory.Delete(_scratch, recursive: true); } catch (IOException) { }
    }

    public static TheoryData<string, int> Formats() => new()
    {
        { "skeleton", 600 }, { "pku", 600 }, { "pku-labels", 1500 }, { "npy", 1500 }, { "npz", 300 },
        { "pkl", 1500 }, { "pt", 300 }, { "safetensors", 250 }, { "manifest", 250 },
    };

    private string Folder(string format) => Directory.CreateDirectory(Path.Combine(_scratch, format)).FullName;

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_seed_file_reads_cleanly(string format, int _)
    {
        string folder = Folder(format);
        var target = FuzzTargets.Create(format, folder);
        Assert.NotEmpty(target.Seeds);
        foreach (var seed in target.Seeds)
        {
            var (outcome, error) = FuzzRunner.Classify(target, seed, folder);
            Assert.True(outcome == FuzzOutcome.Ok, $"{format} seed: {error}");
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Seed_files_are_the_same_bytes_on_every_run(string format, int _)
    {
        var first = FuzzTargets.Create(format, Folder(format + "-a")).Seeds;
        Thread.Sleep(format is "npz" or "pt" ? 2100 : 0); // zip timestamps have a 2-second resolution
        var second = FuzzTargets.Create(format, Folder(format + "-b")).Seeds;
        Assert.Equal(first.Count, second.Count);
        for (int i = 0; i < first.Count; i++) Assert.Equal(first[i], second[i]);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_mutated_file_is_read_or_refused_with_one_error_naming_it(string format, int iterations)
    {
        string folder = Folder(format);
        var target = FuzzTargets.Create(format, folder);
        var gen = Gen.Select(Gen.Int[0, target.Seeds.Count - 1], GenMutation.Array[1, 6]);
        int index = FuzzTargets.Names.ToList().IndexOf(format);
        gen.Sample((seedIndex, edits) =>
        {
            var input = Mutator.Apply(target.Seeds[seedIndex], edits);
            var task = Task.Run(() => FuzzRunner.Classify(target, input, folder));
            Assert.True(task.Wait(Limit), $"{format}: still running after {Limit}");
            var (outcome, error) = task.Result;
            Assert.True(outcome is FuzzOutcome.Ok or FuzzOutcome.Rejected, $"{format}: {error}");
            if (error is DataFormatException e)
            {
                Assert.Contains("fuzz", e.File);
                Assert.DoesNotContain('\n', e.Message);
            }
        }, seed: new PCG(20261201, (ulong)index).ToString(), iter: iterations, threads: 1);
    }

    [Fact]
    public void The_same_edits_give_the_same_file_and_edits_can_grow_shrink_or_keep_the_size()
    {
        var seed = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        var rng = new Random(3);
        var sizes = new HashSet<int>();
        for (int i = 0; i < 200; i++)
        {
            var edits = Mutator.RandomEdits(rng);
            var once = Mutator.Apply(seed, edits);
            Assert.Equal(once, Mutator.Apply(seed, edits));
            sizes.Add(Math.Sign(once.Length - seed.Length));
        }
        Assert.Equal([-1, 0, 1], sizes.Order());
        Assert.Equal(Enumerable.Range(0, 64).Select(i => (byte)i), seed); // the seed itself is untouched
    }

    [Fact]
    public void The_runner_counts_a_crash_and_a_hang_as_such()
    {
        var crashing = new FuzzTarget("crashing", [[1, 2, 3]], (_, _) => throw new InvalidOperationException("bug"));
        var failures = new List<FuzzFailure>();
        var report = FuzzRunner.Run(crashing, 5, 1, TimeSpan.FromSeconds(10), _scratch, failures.Add);
        Assert.Equal((0, 0, 5, 0), (report.Ok, report.Rejected, report.Crash, report.Hang));
        Assert.Contains("InvalidOperationException: bug", failures[0].Message);

        using var release = new ManualResetEventSlim();
        var hanging = new FuzzTarget("hanging", [[1]], (_, _) => release.Wait(TimeSpan.FromSeconds(30)));
        var hung = FuzzRunner.Run(hanging, 1, 1, TimeSpan.FromMilliseconds(50), _scratch);
        release.Set();
        Assert.Equal(1, hung.Hang);
        Assert.False(hung.Clean);
    }
}
