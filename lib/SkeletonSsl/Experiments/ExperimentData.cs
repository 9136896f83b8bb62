using SkeletonSsl.Data;
using SkeletonSsl.Data.Synthetic;

namespace SkeletonSsl.Experiments;

/// <summary>
/// The train and test parts an experiment reads, prepared by its method's pipeline. Real data:
/// <c>DATA_ROOT/DATASET-PIPELINE</c> (or <c>DATA_ROOT/DATASET</c> when that store was made by the pipeline) is a
/// prepared store (<c>data prepare --dataset ntu60 --pipeline cmd ... --out DATA_ROOT/ntu60-cmd</c>) with the
/// split's "train" and "val" parts. Synthetic data: the generated NTU-60-like set (xsub, xview) stands in for every dataset;
/// NTU-120 xset reads xview and PKU-MMD reads xsub (the stand-in has one split of each kind).
/// </summary>
public static class ExperimentData
{
    /// <summary>The synthetic split that stands in for a real dataset's split.</summary>
    public static string SyntheticSplit(string dataset, string split) => (dataset, split) switch
    {
        (_, "xsub") => "xsub",
        (_, "xview") => "xview",
        ("ntu120", "xset") => "xview",
        _ => throw new ArgumentException($"no synthetic stand-in for {dataset} {split}"),
    };

    /// <summary>The synthetic set's size under a profile (Paper keeps the Quick set: the stand-in is not paper-sized).</summary>
    public static SyntheticSize SyntheticSizeOf(Profile profile) => profile == Profile.Smoke ? SyntheticSize.Smoke : SyntheticSize.Quick;

    /// <summary>
    /// Loads (train, test) untrimmed recordings with frame labels for action detection (spec/pcm3.md §8.7); the caller disposes
    /// both. Real data: <c>DATA_ROOT/DATASET-detection</c> (<c>data prepare --dataset pku1 --pipeline detection</c>). Synthetic
    /// data: the generated untrimmed PKU-MMD I set stands in for every dataset (its xsub and xview splits, as <see cref="SyntheticSplit"/> maps).
    /// </summary>
    public static (DetectionSet Train, DetectionSet Test) LoadDetection(string dataset, string split, Profile profile, string? dataRoot, string syntheticRoot)
    {
        if (dataRoot is null)
            return DetectionSet.Load(PreparedStore.Open(SyntheticSets.EnsurePreparedDetection(syntheticRoot, SyntheticSizeOf(profile))), SyntheticSplit(dataset, split));
        string pipeline = Data.Preprocessing.PkuDetectionPreparer.Pipeline;
        var dir = Path.Combine(dataRoot, $"{dataset}-{pipeline}");
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"no prepared {dataset} recordings for detection under {dataRoot}: expected {dir} (data prepare --dataset {dataset} --pipeline {pipeline} --out {dir})");
        var store = PreparedStore.Open(dir);
        if (store.Manifest.Pipeline != pipeline)
            throw new DataFormatException(dir, $"expected a store prepared with the {pipeline} pipeline, found {store.Manifest.Pipeline} (data prepare --dataset {dataset} --pipeline {pipeline} --out {dir})", field: "pipeline");
        if (!store.Splits.Contains(split))
            throw new DataFormatException(dir, $"expected split '{split}', the store has {string.Join(", ", store.Splits)}", field: "splits");
        return DetectionSet.Load(store, split);
    }

    /// <summary>Loads (train, test) of a dataset split; the caller disposes both.</summary>
    public static (SkeletonDataset Train, SkeletonDataset Test) Load(string dataset, string split, string pipeline, Profile profile,
                                                                    string? dataRoot, string syntheticRoot)
    {
        PreparedStore store;
        string part;
        if (dataRoot is null)
        {
            store = PreparedStore.Open(SyntheticSets.EnsurePrepared(syntheticRoot, SyntheticSizeOf(profile), pipeline));
            part = SyntheticSplit(dataset, split);
        }
        else
        {
            var dir = Path.Combine(dataRoot, $"{dataset}-{pipeline}");
            var plain = Path.Combine(dataRoot, dataset);
            if (!Directory.Exists(dir) && Directory.Exists(plain)) dir = plain;
            if (!Directory.Exists(dir))
                throw new DirectoryNotFoundException($"no prepared {dataset} under {dataRoot}: expected {dir} (data prepare --dataset {dataset} --pipeline {pipeline} --out {dir})");
            store = PreparedStore.Open(dir);
            if (store.Manifest.Pipeline != pipeline)
                throw new DataFormatException(dir, $"expected a store prepared with the {pipeline} pipeline, found {store.Manifest.Pipeline} " +
                                                   $"(prepare one with data prepare --dataset {dataset} --pipeline {pipeline} --out {Path.Combine(dataRoot, $"{dataset}-{pipeline}")})");
            if (!store.Splits.Contains(split))
                throw new DataFormatException(dir, $"expected split '{split}', the store has {string.Join(", ", store.Splits)}");
            part = split;
        }
        return store.LoadTrainAndVal(part);
    }
}
