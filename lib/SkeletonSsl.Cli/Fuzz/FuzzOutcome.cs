namespace SkeletonSsl.Cli.Fuzz;

/// <summary>What a reader did with one mutated file.</summary>
public enum FuzzOutcome
{
    /// <summary>Read it (the edit kept the file valid, or the reader tolerates it).</summary>
    Ok,

    /// <summary>Refused it with a <see cref="SkeletonSsl.Data.DataFormatException"/>: the wanted answer to bad input.</summary>
    Rejected,

    /// <summary>Any other exception: a bug (the CLI would print a stack trace and exit 1).</summary>
    Crash,

    /// <summary>Still running after the per-case time limit.</summary>
    Hang,
}
