namespace SkeletonSsl.Cli.Fuzz;

/// <summary>One case that crashed or hung: enough to reproduce it (the input) and to see why.</summary>
public sealed record FuzzFailure(string Format, int Case, FuzzOutcome Outcome, string Message, byte[] Input);
