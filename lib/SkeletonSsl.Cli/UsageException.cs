namespace SkeletonSsl.Cli;

/// <summary>A command used wrongly (conflicting or missing options); reported as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
