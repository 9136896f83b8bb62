using System.Text.Json.Nodes;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Methods.Shared;
using SkeletonSsl.Tests.Data.Formats;
using SkeletonSsl.Tests.Methods;
using SkeletonSsl.Training;
using TorchSharp;
using static TorchSharp.torch;
using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tests.Data;

/// <summary>Valid frame counts travel from the store's num_frame file to the dataset, its subsets and the training batches.</summary>
public sealed class FrameCountStoreTests : IDisposable
{
    private const int T = 12;
    private readonly TempDir _dir = new();
    private readonly long[] _numFrame = [3, 12, 40, 7, 1, 12, 5, 9, 11, 2, 6, 8, 12, 4, 10, 12];   // 40 > T: a truncated file

    public void Dispose() => _dir.Dispose();

    private static PreparedProvenance Provenance() =>
        new("tests", DateTimeOffset.UnixEpoch, "hand-made", new Dictionary<string, string>(), 16, []);

    private string Store(string pipeline, long[]? numFrame)
    {
        NativeRuntime.EnsureInitialised();
        string store = _dir.File(pipeline + (numFrame is null ? "-none" : ""));
        using var data = TestViews.Clips(16, T);
        using var writer = new PreparedStoreWriter(store);
        writer.AddPart("xsub", "train", data, Enumerable.Range(0, 16).Select(i => (long)(i % 2)).ToArray(),
            Enumerable.Range(0, 16).Select(i => $"c{i:00}").ToArray(), 2, numFrame);
        writer.Commit("ntu60", pipeline, "1", ["a", "b"], T, Provenance());
        return store;
    }

    /// <summary>Replaces a store file and records its new hash and size in the manifest, as a consistent but wrong prepare would.</summary>
    private static void Replace(string store, string relative, Action<string> write)
    {
        write(Path.Combine(store, relative));
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(store, PreparedManifest.FileName)))!.AsObject();
        json["files"]![relative] = PreparedStoreWriter.Sha256(Path.Combine(store, relative));
        json["fileSizes"]![relative] = new FileInfo(Path.Combine(store, relative)).Length;
        var files = json["files"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);
        json["contentHash"] = PreparedStoreWriter.ContentHash(files);
        File.WriteAllText(Path.Combine(store, PreparedManifest.FileName), json.ToJsonString());
    }

    [Fact]
    public void Frames_survive_store_dataset_subset_and_the_training_batches()
    {
        using var train = PreparedStore.Open(Store("cmd", _numFrame)).Load("xsub", "train");
        long[] valid = [.. _numFrame.Select(n => Math.Min(n, T))];                   // n = min(num_frame, T)
        Assert.Equal(valid, train.Frames);
        int[] picked = [15, 2, 4, 9, 0, 7, 3, 11, 6, 13, 1, 8, 5, 10, 12, 14];
        using var subset = train.Subset(picked);
        Assert.Equal(picked.Select(i => valid[i]), subset.Frames);
        var seen = new Recorder(TestViews.SkeletonClr());
        new Trainer(seen, new TrainingConfig { Epochs = 2, BatchSize = 4, LearningRate = 0.01, LrSteps = [5], CheckpointEvery = 2 },
            CPU, _dir.File("run"), new Generator(3)).Run(subset.Data, subset.Frames);
        Assert.Equal(8, seen.Batches.Count);
        foreach (var (frames, indices) in seen.Batches)
            Assert.Equal(indices.Select(i => subset.Frames[i]), frames);
        Assert.Contains(seen.Batches, b => b.Frames.Any(f => f < T));
    }

    [Fact]
    public void Stores_without_num_frame_derive_the_counts_honestly()
    {
        using (var aimclr = PreparedStore.Open(Store("aimclr", null)).Load("xsub", "train"))
            Assert.All(aimclr.Frames, f => Assert.Equal((long)T, f));                  // resized to T real frames
        string other = Store("cmd", null);
        using var padded = PreparedStore.Open(other).Load("xsub", "train");
        Assert.All(padded.Frames, f => Assert.Equal((long)T, f));                      // no trailing zero frame in these clips
        using var zeroPadded = TestViews.Clips(2, T);
        zeroPadded[0, .., TensorIndex.Slice(5, T)] = 0;
        using var ds = new SkeletonDataset(zeroPadded.clone(), [0, 1], ["a", "b"], 2);
        Assert.Equal([5L, T], ds.Frames);                                                // the trailing-zero rule
        Assert.Throws<ArgumentException>(() => new SkeletonDataset(zeroPadded.clone(), [0, 1], ["a", "b"], 2, [5, T + 1]));
    }

    [Fact]
    public void A_num_frame_file_with_the_wrong_count_type_or_values_fails_naming_file_and_field()
    {
        string store = Store("cmd", _numFrame);
        const string relative = "xsub/train_num_frame.npy";
        Replace(store, relative, path => Npy.Write(path, new long[] { 3, 4 }, 2));
        var count = Assert.Throws<DataFormatException>(() => PreparedStore.Open(store).Load("xsub", "train"));
        Assert.Contains("train_num_frame.npy", count.Message);
        Assert.Equal("shape", count.Field);

        Replace(store, relative, path => Npy.Write(path, _numFrame.Select(n => (float)n).ToArray(), _numFrame.Length));
        var type = Assert.Throws<DataFormatException>(() => PreparedStore.Open(store).Load("xsub", "train"));
        Assert.Contains("train_num_frame.npy", type.Message);
        Assert.Equal("descr", type.Field);

        var zero = (long[])_numFrame.Clone();
        zero[3] = 0;
        Replace(store, relative, path => Npy.Write(path, zero, zero.Length));
        var value = Assert.Throws<DataFormatException>(() => PreparedStore.Open(store).Load("xsub", "train"));
        Assert.Contains("train_num_frame.npy", value.Message);
        Assert.Equal("num_frame", value.Field);
        Assert.Contains("clip 3", value.Message);
    }

    [Fact]
    public void Inspect_shows_min_median_and_max_valid_frames_per_part_when_num_frame_exists()
    {
        var json = DataInspector.Inspect(Store("cmd", _numFrame));
        var train = json["valid_frames"]!["xsub"]!["train"]!;
        Assert.Equal(1L, (long)train["min"]!);
        Assert.Equal(8.5, (double)train["median"]!);                                    // of min(num_frame, 12): 8 and 9 in the middle
        Assert.Equal(12L, (long)train["max"]!);
        Assert.Null(DataInspector.Inspect(Store("aimclr", null))["valid_frames"]);
    }

    /// <summary>Records each step's frame counts and indices, then steps the wrapped method.</summary>
    private sealed class Recorder(IPretrainMethod inner) : IPretrainMethod
    {
        public List<(long[] Frames, long[] Indices)> Batches { get; } = [];
        public string Name => inner.Name;
        public nn.Module Module => inner.Module;
        public SkeletonSsl.Encoders.SkeletonEncoder Encoder => inner.Encoder;
        public IEnumerable<TorchSharp.Modules.Parameter> TrainableParameters() => inner.TrainableParameters();
        public void OnEpochStart(int epoch) => inner.OnEpochStart(epoch);
        public void AfterOptimizerStep(StepContext context) => inner.AfterOptimizerStep(context);

        public StepOutput Step(PretrainBatch batch, StepContext context)
        {
            Batches.Add((batch.Frames, batch.Indices));
            return inner.Step(batch, context);
        }
    }
}
