namespace SkeletonSsl.Cli.Fuzz;

/// <summary>
/// One edit of a seed file. <see cref="Kind"/> picks the edit (see <see cref="Mutator"/>); <see cref="A"/>,
/// <see cref="B"/> and <see cref="C"/> are raw numbers that the edit reduces modulo what it needs (a
/// position in the file, a length, an index into a table of interesting values), so that any four
/// numbers make a valid edit and a property-based generator can shrink them freely.
/// </summary>
public readonly record struct Mutation(byte Kind, uint A, uint B, uint C)
{
    /// <summary>How many kinds of edit there are.</summary>
    public const int Kinds = 9;

    /// <summary>A random edit.</summary>
    public static Mutation Random(Random rng) =>
        new((byte)rng.Next(Kinds), (uint)rng.NextInt64(uint.MaxValue + 1L), (uint)rng.NextInt64(uint.MaxValue + 1L), (uint)rng.NextInt64(uint.MaxValue + 1L));
}
