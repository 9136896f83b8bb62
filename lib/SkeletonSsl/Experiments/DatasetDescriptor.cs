namespace SkeletonSsl.Experiments;

/// <summary>A benchmark dataset with its evaluation splits (AimCLR §4.1; spec/data.md).</summary>
/// <param name="Name">The catalog key used in specs ("ntu60", "ntu120", "pku1", "pku2").</param>
/// <param name="Display">How the papers' tables head it ("NTU-60", "PKU-MMD part I").</param>
/// <param name="Splits">Its protocols ("xsub", "xview", "xset").</param>
/// <param name="Classes">Number of action classes of the real dataset.</param>
public sealed record DatasetDescriptor(string Name, string Display, IReadOnlyList<string> Splits, int Classes);
