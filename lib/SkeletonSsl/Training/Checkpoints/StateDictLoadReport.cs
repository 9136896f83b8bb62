using System.Text;

namespace SkeletonSsl.Training.Checkpoints;

/// <summary>A tensor whose shape in the checkpoint differs from the module's.</summary>
public sealed record ShapeMismatch(string Key, long[] Expected, long[] Found)
{
    public override string ToString() =>
        $"{Key}: module has {SafeTensors.FormatShape(Expected)}, checkpoint has {SafeTensors.FormatShape(Found)}";
}

/// <summary>
/// What a state-dict load did: the keys loaded, the module keys the checkpoint lacks, the
/// checkpoint keys the module lacks, the shape mismatches, and how many checkpoint keys lay outside
/// the prefix or an ignored prefix.
/// </summary>
public sealed record StateDictLoadReport(
    IReadOnlyList<string> Loaded,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unexpected,
    IReadOnlyList<ShapeMismatch> ShapeMismatches,
    int Skipped)
{
    /// <summary>True when every module key was loaded and nothing was left over.</summary>
    public bool IsComplete => Missing.Count == 0 && Unexpected.Count == 0 && ShapeMismatches.Count == 0;

    /// <summary>A multi-line description naming every problem key.</summary>
    public string Describe()
    {
        var sb = new StringBuilder($"loaded {Loaded.Count} tensors");
        if (Skipped > 0) sb.Append($", skipped {Skipped} outside the prefix or ignored");
        if (Missing.Count > 0) sb.Append($"\n  missing in checkpoint ({Missing.Count}): {string.Join(", ", Missing)}");
        if (Unexpected.Count > 0) sb.Append($"\n  unexpected in checkpoint ({Unexpected.Count}): {string.Join(", ", Unexpected)}");
        if (ShapeMismatches.Count > 0) sb.Append($"\n  shape mismatches ({ShapeMismatches.Count}): {string.Join("; ", ShapeMismatches)}");
        return sb.ToString();
    }
}
