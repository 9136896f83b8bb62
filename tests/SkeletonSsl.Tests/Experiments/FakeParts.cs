using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Experiments;

/// <summary>Counting fakes of pre-training (for a <see cref="Runner"/>) and of the catalog's protocols (those not named unwired):
/// pre-training records its spec, evaluation returns a value derived from the spec's hash, so tests can see what ran and what was reused.</summary>
internal sealed class FakeParts
{
    public List<PretrainSpec> Pretrained { get; } = [];
    public List<ExperimentSpec> Evaluated { get; } = [];

    public Catalog Catalog(params string[] unwiredProtocols)
    {
        var catalog = SkeletonSsl.Tables.Catalog.Default;
        foreach (var protocol in catalog.Protocols.Values)
            catalog = catalog.WithProtocol(protocol with { Evaluate = unwiredProtocols.Contains(protocol.Name) ? null : Evaluate });
        return catalog;
    }

    /// <summary>A runner over <paramref name="catalog"/> whose pre-training is this fake.</summary>
    public Runner Runner(Catalog catalog, ResultStore store, RunnerOptions options) => new(catalog, store, options, Pretrain);

    public static double ValueOf(ExperimentSpec spec) => Convert.ToInt32(spec.Hash[..4], 16) % 1000 / 10.0;

    private PretrainRun Pretrain(ExperimentContext context, PretrainSpec spec, IProgress<SkeletonSsl.Training.PretrainProgress>? progress)
    {
        Pretrained.Add(spec);
        var dir = context.PretrainDirectory(spec);
        return new PretrainRun(spec, dir, Path.Combine(dir, "final.pt"), [3.0, 2.0, 1.5]);
    }

    private ProtocolResult Evaluate(EvaluationRequest request)
    {
        Evaluated.Add(request.Spec);
        Assert.Equal(request.Spec.Streams, request.Runs.Select(r => r.Spec.Stream));
        var figures = request.Spec.Protocol == "tsne"
            ? new List<FigureData> { new ScatterData("t-SNE", [0, 1, 2], [1, 0, 2], ["a", "b", "a"]) }
            : [];
        var value = ValueOf(request.Spec);
        return new ProtocolResult(new Dictionary<string, double> { ["top1"] = value, ["top5"] = Math.Min(100, value + 10), ["nmi"] = value / 100 }, figures);
    }
}
