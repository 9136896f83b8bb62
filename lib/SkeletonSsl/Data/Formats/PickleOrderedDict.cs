namespace SkeletonSsl.Data.Formats;

/// <summary>
/// A Python <c>collections.OrderedDict</c> (e.g. a PyTorch state dict): entries in insertion order
/// like every dict the <see cref="Unpickler"/> returns, plus the instance attributes a BUILD opcode
/// set (a state dict keeps <c>{'_metadata': ...}</c> there).
/// </summary>
public sealed class PickleOrderedDict() : Dictionary<object, object?>(PickleKeyComparer.Instance)
{
    /// <summary>The BUILD state, if any (usually a dict of attribute names to values).</summary>
    public object? Attributes { get; set; }
}
