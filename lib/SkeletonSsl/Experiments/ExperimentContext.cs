using SkeletonSsl.Data;
using TorchSharp;

namespace SkeletonSsl.Experiments;

/// <summary>
/// What every experiment of a table run shares, built once (by the table runner, the eval command or a notebook) and
/// passed down to pre-training and protocols: the profile and seed, the torch device, where the data comes
/// from (a prepared real root or the synthetic set), where runs and evaluations are written, the log, and the
/// loaded datasets (each dataset split and pipeline read once per context). Dispose it to free the data.
/// </summary>
public sealed class ExperimentContext : IDisposable
{
    private readonly Dictionary<(string Dataset, string Split, string Pipeline), (SkeletonDataset Train, SkeletonDataset Test)> _data = [];
    private readonly Dictionary<(string Dataset, string Split, string Pipeline), (SkeletonDataset Train, SkeletonDataset Test)> _given = [];
    private readonly Dictionary<(string Dataset, string Split), (DetectionSet Train, DetectionSet Test)> _detection = [];
    private readonly Dictionary<(string Dataset, string Split), (DetectionSet Train, DetectionSet Test)> _givenDetection = [];
    private readonly object _gate = new();

    /// <param name="profile">Smoke / Quick / Paper.</param>
    /// <param name="seed">The experiment seed; every random draw derives from it.</param>
    /// <param name="device">Where models train and evaluate.</param>
    /// <param name="dataRoot">A root of prepared real stores (<see cref="ExperimentData"/>), or null for the synthetic set.</param>
    /// <param name="runsDirectory">Pre-training runs go to pretrain/, evaluation outputs to eval/ below it.</param>
    /// <param name="syntheticRoot">Where the synthetic set is generated and prepared.</param>
    /// <param name="log">Progress lines, or null.</param>
    public ExperimentContext(Profile profile, int seed, torch.Device device, string? dataRoot, string runsDirectory,
                             string syntheticRoot = "data", Action<string>? log = null)
    {
        if (seed < 0) throw new ArgumentException($"seed must be non-negative, got {seed}");
        if (dataRoot is not null && !Directory.Exists(dataRoot)) throw new DirectoryNotFoundException($"data root '{dataRoot}' does not exist");
        Profile = profile;
        Seed = seed;
        Device = device;
        DataRoot = dataRoot;
        RunsDirectory = runsDirectory;
        SyntheticRoot = syntheticRoot;
        Log = log;
    }

    public Profile Profile { get; }
    public int Seed { get; }
    public torch.Device Device { get; }
    public string? DataRoot { get; }
    public string RunsDirectory { get; }
    public string SyntheticRoot { get; }
    public Action<string>? Log { get; }

    /// <summary>Synthetic without a data root, real with one.</summary>
    public DataKind Data { get; init; } = DataKind.Synthetic;

    /// <summary>The (train, test) parts of a dataset split as prepared by <paramref name="pipeline"/>; loaded on first use and kept (owned by the context: don't dispose them).</summary>
    public (SkeletonDataset Train, SkeletonDataset Test) Load(string dataset, string split, string pipeline)
    {
        lock (_gate)
        {
            var key = (dataset, split, pipeline);
            if (_given.TryGetValue(key, out var given)) return given;
            if (!_data.TryGetValue(key, out var parts))
                _data[key] = parts = ExperimentData.Load(dataset, split, pipeline, Profile, DataRoot, SyntheticRoot);
            return parts;
        }
    }

    /// <summary>Hands the context parts its caller loaded (e.g. from a store named on the command line) under a dataset name;
    /// the caller keeps owning them.</summary>
    public void Use(string dataset, string split, string pipeline, SkeletonDataset train, SkeletonDataset test)
    {
        lock (_gate) _given[(dataset, split, pipeline)] = (train, test);
    }

    /// <summary>The untrimmed (train, test) recordings of a dataset split for action detection (<see cref="ExperimentData.LoadDetection"/>);
    /// loaded on first use and kept (owned by the context: don't dispose them).</summary>
    public (DetectionSet Train, DetectionSet Test) LoadDetection(string dataset, string split)
    {
        lock (_gate)
        {
            var key = (dataset, split);
            if (_givenDetection.TryGetValue(key, out var given)) return given;
            if (!_detection.TryGetValue(key, out var parts))
                _detection[key] = parts = ExperimentData.LoadDetection(dataset, split, Profile, DataRoot, SyntheticRoot);
            return parts;
        }
    }

    /// <summary>Hands the context detection parts its caller loaded (e.g. from a store named on the command line); the caller keeps owning them.</summary>
    public void UseDetection(string dataset, string split, DetectionSet train, DetectionSet test)
    {
        lock (_gate) _givenDetection[(dataset, split)] = (train, test);
    }

    /// <summary>Where a pre-training run lives: pretrain/PROFILE/DATA/HASH-seedS.</summary>
    public string PretrainDirectory(PretrainSpec spec) =>
        Path.Combine(RunsDirectory, "pretrain", Tag(Profile), Tag(Data), $"{spec.Hash}-seed{Seed}");

    /// <summary>Where an experiment's evaluation writes its outputs: eval/PROFILE/DATA/HASH-seedS.</summary>
    public string EvaluationDirectory(ExperimentSpec spec) =>
        Path.Combine(RunsDirectory, "eval", Tag(Profile), Tag(Data), $"{spec.Hash}-seed{Seed}");

    /// <summary>How the data is named in run records ("synthetic ntu120 xsub" or the real root).</summary>
    public string DescribeData(string dataset, string split) => $"{DataRoot ?? "synthetic"} {dataset} {split}";

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (train, test) in _data.Values)
            {
                train.Dispose();
                test.Dispose();
            }
            _data.Clear();
            foreach (var (train, test) in _detection.Values)
            {
                train.Dispose();
                test.Dispose();
            }
            _detection.Clear();
        }
    }

    private static string Tag<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();
}
