using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Data.Splits;

/// <summary>
/// The NTU RGB+D evaluation benchmarks (spec/data.md §2): NTU-60 cross-subject ("xsub") and
/// cross-view ("xview"), NTU-120 cross-subject ("xsub") and cross-setup ("xset"). A sample is in
/// the training part when its name field is in the training id list; everything else is the
/// test part, which the reference code calls "val".
/// </summary>
public sealed record NtuBenchmark(string Dataset, string Name, string Field, IReadOnlySet<int> TrainIds)
{
    /// <summary>NTU-60 x-sub training performers (20 ids).</summary>
    public static readonly IReadOnlySet<int> Ntu60TrainSubjects =
        new SortedSet<int> { 1, 2, 4, 5, 8, 9, 13, 14, 15, 16, 17, 18, 19, 25, 27, 28, 31, 34, 35, 38 };

    /// <summary>NTU-120 x-sub training performers: the 20 above plus 33 more (53 ids).</summary>
    public static readonly IReadOnlySet<int> Ntu120TrainSubjects = new SortedSet<int>(Ntu60TrainSubjects.Concat(
        [45, 46, 47, 49, 50, 52, 53, 54, 55, 56, 57, 58, 59, 70, 74, 78, 80, 81, 82, 83, 84, 85, 86, 89, 91, 92, 93, 94, 95, 97, 98, 100, 103]));

    public static readonly NtuBenchmark Ntu60XSub = new("ntu60", "xsub", "performer", Ntu60TrainSubjects);
    public static readonly NtuBenchmark Ntu60XView = new("ntu60", "xview", "camera", new SortedSet<int> { 2, 3 });
    public static readonly NtuBenchmark Ntu120XSub = new("ntu120", "xsub", "performer", Ntu120TrainSubjects);
    public static readonly NtuBenchmark Ntu120XSet = new("ntu120", "xset", "setup", new SortedSet<int>(Enumerable.Range(1, 16).Select(i => 2 * i)));

    /// <summary>The two benchmarks of a dataset ("ntu60" or "ntu120").</summary>
    public static IReadOnlyList<NtuBenchmark> For(string dataset) => dataset switch
    {
        "ntu60" => [Ntu60XSub, Ntu60XView],
        "ntu120" => [Ntu120XSub, Ntu120XSet],
        _ => throw new ArgumentException($"unknown NTU dataset '{dataset}': expected ntu60 or ntu120"),
    };

    /// <summary>True when the sample belongs to the training part.</summary>
    public bool IsTrain(NtuFileName name) => TrainIds.Contains(Field switch
    {
        "performer" => name.Performer,
        "camera" => name.Camera,
        "setup" => name.Setup,
        _ => throw new InvalidOperationException($"unknown split field '{Field}'"),
    });

    /// <summary>Part name of a sample: "train" or "val" (the reference code's name for the test part).</summary>
    public string PartOf(NtuFileName name) => IsTrain(name) ? "train" : "val";
}
