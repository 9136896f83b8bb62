namespace SkeletonSsl.Experiments;

/// <summary>What a protocol's entry point is asked to do: evaluate the pre-trained encoders of
/// <see cref="Runs"/> (one per stream of <see cref="Spec"/>, same order) with the method's recipe for the
/// protocol, on the spec's evaluation dataset, and fuse them when there are several.</summary>
/// <param name="Spec">The experiment.</param>
/// <param name="Runs">The finished pre-training runs, in the order of the spec's streams.</param>
/// <param name="Context">Profile, seed, device, data and log of the table run.</param>
/// <param name="OutDirectory">Where the protocol may write logits or logs.</param>
public sealed record EvaluationRequest(ExperimentSpec Spec, IReadOnlyList<PretrainRun> Runs, ExperimentContext Context, string OutDirectory)
{
    /// <summary>The method's evaluation recipes (its paper's when the spec's config has none).</summary>
    public EvaluationRecipes Recipes => Spec.Method.Recipes ?? EvaluationRecipes.AimClr;

    /// <summary>The evaluation dataset's (train, test) parts, as the method's pipeline prepares them (owned by the context).</summary>
    public (Data.SkeletonDataset Train, Data.SkeletonDataset Test) Data() =>
        Context.Load(Spec.Dataset, Spec.Split, Spec.Method.Pipeline);

    /// <summary>The evaluation dataset's untrimmed (train, test) recordings with frame labels, for action detection (owned by the context).</summary>
    public (Data.DetectionSet Train, Data.DetectionSet Test) DetectionData() => Context.LoadDetection(Spec.Dataset, Spec.Split);

    /// <summary>The protocol's reports (stage, epoch, loss, top-1), with the stream being evaluated, or null.</summary>
    public IProgress<Evaluation.EvaluationProgress>? Progress { get; init; }
}
