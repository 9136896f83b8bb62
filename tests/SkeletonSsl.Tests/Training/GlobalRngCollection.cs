namespace SkeletonSsl.Tests.Training;

/// <summary>
/// Tests that compare runs bit for bit: dropout draws from torch's process-wide generator, so
/// these run alone, never beside another test that seeds or draws from it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRngCollection
{
    public const string Name = "global torch generator";
}
