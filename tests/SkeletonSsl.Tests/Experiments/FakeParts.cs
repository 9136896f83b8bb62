using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;

namespace SkeletonSsl.Tests.Experiments;

/// <summary>A catalog whose methods (those named; the others unwired) and protocols are counting fakes: pre-training records its spec,
/// evaluation returns a value derived from the spec's hash, so tests can see what ran and what was reused.</summary>
internal sealed class FakeParts
{
    public List<PretrainSpec> Pretrained { get; } = [];
    public List<ExperimentSpec> Evaluated { get; } = [];

    public Catalog Catalog(params string[] wiredMethods)
    {
        var catalog = SkeletonSsl.Experiments.Catalog.Default;
        foreach (var method in catalog.Methods.Values)
            catalog = catalog.WithMethod(method with { Pretrain = wiredMethods.Contains(method.Name) ? Pretrain : null });
        foreach (var protocol in catalog.Protocols.Values)
            catalog = catalog.WithProtocol(protocol with { Evaluate = Evaluate });
        return catalog;
    }

    public static double ValueOf(ExperimentSpec spec) => Convert.ToInt32(spec.Hash[..4], 16) % 1000 / 10.0;

    private PretrainRun Pretrain(PretrainRequest request)
    {
        Pretrained.Add(request.Spec);
        Assert.True(Directory.Exists(request.RunDirectory));
        return new PretrainRun(request.Spec, request.RunDirectory, Path.Combine(request.RunDirectory, "final.pt"), [3.0, 2.0, 1.5]);
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
