using SkeletonSsl.Data;
using SkeletonSsl.Data.Synthetic;

namespace SkeletonSsl.Experiments;

/// <summary>
/// The train and test parts an experiment reads. Real data: <c>DATA_ROOT/DATASET</c> is a prepared store
/// (<c>data prepare --dataset ntu60 ... --out DATA_ROOT/ntu60</c>) with the split's "train" and "val"
/// parts. Synthetic data: the generated NTU-60-like set (xsub, xview) stands in for every dataset;
/// NTU-120 xset reads xview and PKU-MMD reads xsub (the stand-in has one split of each kind).
/// </summary>
public static class ExperimentData
{
    /// <summary>The preprocessing pipeline of the AimCLR tables (50 frames, spec/aimclr.md §1.2).</summary>
    public const string Pipeline = "aimclr";

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

    /// <summary>Loads (train, test) of a dataset split; the caller disposes both.</summary>
    public static (SkeletonDataset Train, SkeletonDataset Test) Load(string dataset, string split, Profile profile, string? dataRoot,
                                                                    string syntheticRoot)
    {
        PreparedStore store;
        string part;
        if (dataRoot is null)
        {
            store = PreparedStore.Open(SyntheticSets.EnsurePrepared(syntheticRoot, SyntheticSizeOf(profile), Pipeline));
            part = SyntheticSplit(dataset, split);
        }
        else
        {
            var dir = Path.Combine(dataRoot, dataset);
            if (!Directory.Exists(dir))
                throw new DirectoryNotFoundException($"no prepared {dataset} under {dataRoot}: expected {dir} (data prepare --dataset {dataset} --pipeline {Pipeline} --out {dir})");
            store = PreparedStore.Open(dir);
            if (store.Manifest.Pipeline != Pipeline)
                throw new DataFormatException(dir, $"expected a store prepared with the {Pipeline} pipeline, found {store.Manifest.Pipeline}");
            if (!store.Splits.Contains(split))
                throw new DataFormatException(dir, $"expected split '{split}', the store has {string.Join(", ", store.Splits)}");
            part = split;
        }
        var train = store.Load(part, "train");
        try
        {
            return (train, store.Load(part, "val"));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }
}
