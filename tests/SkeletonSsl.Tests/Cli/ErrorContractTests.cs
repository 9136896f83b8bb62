using SkeletonSsl.Cli;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Tests.Data.Formats;
using SkeletonSsl.Tests.Encoders;
using SkeletonSsl.Training;
using SkeletonSsl.Training.Checkpoints;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Cli;

/// <summary>
/// The CLI's error contract, path by path: every failure a user can cause exits 2 with one error line
/// naming the file (or option) and what was expected; no stack trace; an internal bug exits 1.
/// </summary>
[Collection(RedirectedConsoleCollection.Name)]
public sealed class ErrorContractTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Cases =>
    [
        "missing-file", "malformed-file", "bad-option-value", "file-in-the-way", "user-folder-in-the-way",
        "output-inside-input", "disk-full", "checkpoint-mismatch", "shape-inference", "resume-with-other-settings",
        "non-finite-loss", "run-folder-in-the-way",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_user_caused_failure_exits_2_with_one_line_naming_the_file(string name)
    {
        NativeRuntime.EnsureInitialised();
        var (args, names) = Case(name);
        if (args.Length == 0) return;                               // the case needs what this system lacks (/dev/full)
        var (code, _, err) = CliHarness.Run(args);
        Assert.True(code == CliRun.BadInput, $"{name}: exit {code}, stderr: {err}");
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var errors = lines.Where(l => l.StartsWith("error", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 1, $"{name}: expected one error line, got: {err}");
        Assert.Equal(errors[0], lines[^1]);                         // progress lines may come before, nothing after
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.Contains(names, errors[0]);
    }

    private (string[] Args, string Names) Case(string name)
    {
        string clip = ClipFile();
        switch (name)
        {
            case "missing-file":
                return (["data", "inspect", _dir.File("missing.npy")], "missing.npy");
            case "malformed-file":
                File.WriteAllText(_dir.File("bad.npy"), "not numpy at all");
                return (["data", "inspect", _dir.File("bad.npy")], "bad.npy");
            case "bad-option-value":
                return (["data", "synth", "--out", _dir.File("s"), "--format", "kinetics"], "--format");
            case "file-in-the-way":
                File.WriteAllText(_dir.File("thesis.txt"), "thesis");
                return (["data", "synth", "--out", _dir.File("thesis.txt"), "--size", "smoke"], "thesis.txt");
            case "user-folder-in-the-way":
                Directory.CreateDirectory(_dir.File("u"));
                File.WriteAllText(Path.Combine(_dir.File("u"), "thesis.txt"), "thesis");
                return (["data", "synth", "--out", _dir.File("u"), "--size", "smoke"], _dir.File("u"));
            case "output-inside-input":
                Directory.CreateDirectory(_dir.File("raw"));
                return (["data", "prepare", "--dataset", "ntu60", "--raw", _dir.File("raw"), "--pipeline", "aimclr", "--out", Path.Combine(_dir.File("raw"), "store")], "store");
            case "disk-full":
                // The temporary file the atomic write will open is a link to /dev/full: every write fails with ENOSPC.
                if (!File.Exists("/dev/full")) return ([], "");
                File.CreateSymbolicLink(AtomicFile.TempPath(_dir.File("fig.html")), "/dev/full");
                return (["data", "show", "--input", clip, "--out", _dir.File("fig.html")], "fig.html");
            case "checkpoint-mismatch":
                var (tensors, _) = SafeTensors.Read(PyTorchParityTests.Fixture("stgcn_small.safetensors"));
                SafeTensors.Write(_dir.File("w.safetensors"), tensors.Where(t => !t.Key.EndsWith("gcn.conv.bias", StringComparison.Ordinal) || !t.Key.StartsWith("st_gcn_networks.1.", StringComparison.Ordinal)));
                return (["model", "embed", "--encoder", "stgcn", "--weights", _dir.File("w.safetensors"), "--input", PyTorchParityTests.Fixture("stgcn_input.npy"), "--output", _dir.File("y.npy")], "w.safetensors");
            case "shape-inference":
                return (["model", "embed", "--encoder", "gru", "--weights", PyTorchParityTests.Fixture("stgcn_small.safetensors"), "--input", PyTorchParityTests.Fixture("gru_input.npy"), "--output", _dir.File("y.npy")], "stgcn_small.safetensors");
            case "resume-with-other-settings":
                string store = Store(_dir.File("store"), 1f);
                string run = _dir.File("run");
                Assert.Equal(0, CliHarness.Run(Pretrain(store, run, "--epochs", "1")).Code);
                return (Pretrain(store, run, "--epochs", "1", "--resume", "--seed", "5"), "config.json");
            case "non-finite-loss":
                // Coordinates near float32's limit overflow the batch-norm statistics: the first loss is NaN.
                return (Pretrain(Store(_dir.File("huge"), 3e38f), _dir.File("nan-run"), "--epochs", "1"), "nan-run");
            case "run-folder-in-the-way":
                Directory.CreateDirectory(_dir.File("mine"));
                File.WriteAllText(Path.Combine(_dir.File("mine"), "thesis.txt"), "thesis");
                return (Pretrain(_dir.File("no-store"), _dir.File("mine")), "mine");
            default:
                throw new ArgumentException(name);
        }
    }

    private static string[] Pretrain(string store, string run, params string[] more) =>
        ["pretrain", "--method", "skeletonclr", "--data", store, "--profile", "smoke", "--out", run, "--device", "cpu", .. more];

    private string ClipFile()
    {
        string path = _dir.File("clip.npy");
        if (!File.Exists(path))
        {
            using var x = randn([1, 3, 10, 25, 2], generator: new TorchSharp.torch.Generator(3));
            Npy.Write(path, x);
        }
        return path;
    }

    /// <summary>A prepared store of 32 clips, every coordinate <paramref name="scale"/> times a random one.</summary>
    private static string Store(string dir, float scale)
    {
        using var data = randn([32, 3, 50, 25, 2], generator: new TorchSharp.torch.Generator(5)) * scale;
        using var writer = new PreparedStoreWriter(dir);
        writer.AddPart("xsub", "train", data, [.. Enumerable.Range(0, 32).Select(i => (long)(i % 2))], [.. Enumerable.Range(0, 32).Select(i => $"c{i}")], 2);
        writer.Commit("ntu60", "aimclr", "1", ["a", "b"], 50,
            new PreparedProvenance("test", DateTimeOffset.UnixEpoch, "test", new Dictionary<string, string>(), 0, []));
        return dir;
    }

    [Fact]
    public void An_option_error_prints_the_error_and_where_the_help_is_not_the_whole_help()
    {
        var (code, stdout, err) = CliHarness.Run("data", "synth", "--out", _dir.File("s"), "--sise", "smoke");
        Assert.Equal(CliRun.BadInput, code);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines[..^1], l => Assert.StartsWith("error: ", l));
        Assert.Contains("--sise", err);
        Assert.Equal("see 'skeletonssl data synth --help'", lines[^1]);
        Assert.DoesNotContain("Options:", stdout + err);
        Assert.Equal(CliRun.BadInput, CliHarness.Run("data", "synth").Code);
    }

    [Fact]
    public void An_internal_error_exits_1_with_one_line_and_a_pointer_to_report_it()
    {
        var (code, err) = Report(new InvalidOperationException("sequence contains no elements"));
        Assert.Equal(CliRun.Bug, code);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("internal error", line);
        Assert.Contains("report", line);
        Assert.Contains("--verbose", line);
    }

    [Fact]
    public void The_stack_trace_of_an_internal_error_comes_only_when_asked_for()
    {
        Exception Thrown() { try { throw new InvalidOperationException("broken"); } catch (Exception e) { return e; } }
        Assert.Single(Report(Thrown()).Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Environment.SetEnvironmentVariable(CliRun.VerboseVariable, "1");
        try
        {
            var (code, err) = Report(Thrown());
            Assert.Equal(CliRun.Bug, code);
            Assert.Contains(nameof(The_stack_trace_of_an_internal_error_comes_only_when_asked_for), err);
        }
        finally { Environment.SetEnvironmentVariable(CliRun.VerboseVariable, null); }
    }

    [Theory]
    [InlineData(typeof(UnauthorizedAccessException))]
    [InlineData(typeof(OutputConflictException))]
    [InlineData(typeof(NonFiniteLossException))]
    public void Permission_problems_conflicts_and_non_finite_losses_are_the_users_to_fix(Type type)
    {
        // Reached through the CLI above where this system allows; a root user is never refused access.
        Exception e = type == typeof(NonFiniteLossException)
            ? new NonFiniteLossException(2, 1, double.NaN, null, "infonce = NaN")
            : type == typeof(OutputConflictException)
                ? new OutputConflictException("/data/out", "is a file")
                : new UnauthorizedAccessException("Access to the path '/data/out' is denied.");
        Assert.Equal(CliRun.BadInput, Report(new AggregateException(e)).Code);
    }

    private static (int Code, string Err) Report(Exception e)
    {
        var old = Console.Error;
        var err = new StringWriter();
        Console.SetError(err);
        try { return (CliRun.Report(e), err.ToString()); }
        finally { Console.SetError(old); }
    }
}
