namespace SkeletonSsl.Data.Formats;

/// <summary>
/// A Python object recorded, not constructed, by a <see cref="PickleGlobal.Recording"/> handler: the
/// global that would have built it, the arguments it would have been called with, and the state a
/// BUILD opcode would have applied.
/// </summary>
public sealed class PickleObject(string module, string name, object?[] args)
{
    public string Module { get; } = module;
    public string Name { get; } = name;
    public object?[] Args { get; } = args;
    public object? State { get; set; }

    public override string ToString() => $"{Module}.{Name}({Args.Length} args)";
}
