namespace SkeletonSsl.Cli.Fuzz;

/// <summary>
/// One reader under fuzzing: valid seed files to mutate and the code that reads a mutated file the way
/// the kit does. <see cref="Read"/> gets the bytes and a scratch folder (for readers that take a path)
/// and returns normally when the file was read; it frees what it loaded.
/// </summary>
public sealed class FuzzTarget(string name, IReadOnlyList<byte[]> seeds, Action<byte[], string> read)
{
    /// <summary>The format's name on the command line, e.g. <c>npy</c>.</summary>
    public string Name { get; } = name;

    /// <summary>Valid files of the format, each small enough to mutate quickly.</summary>
    public IReadOnlyList<byte[]> Seeds { get; } = seeds;

    /// <summary>Reads one input with every reader of the format.</summary>
    public void Read(byte[] input, string scratch) => read(input, scratch);

    public override string ToString() => Name;
}
