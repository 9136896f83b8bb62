using System.Globalization;
using SkeletonSsl.Data;
using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Reporting;
using SkeletonSsl.Skeletons;
using TorchSharp;

namespace SkeletonSsl.Experiments;

/// <summary>
/// One protocol of the catalog run on any encoder, outside a paper table: the <c>eval</c> command's engine,
/// and the one place it depends on the experiment engine. Given an encoder factory, a stream, the loaded
/// train and test parts and a protocol with its options, it runs the protocol of <see cref="Evaluation"/>
/// itself (LinearProbe, Knn, SemiSupervised, FineTune, Tsne) with the recipe the tables use, and returns
/// the metrics in the paper's units (top-1 in %) with the figures, as <see cref="EvaluationProtocols"/> does
/// for one stream.
/// <para>Protocol options: <c>labelled</c> (semi: the labelled fraction, 0.01 or 0.1 in the papers) and
/// <c>recipe</c>: <c>aimclr</c> (AimCLR's protocols, spec/aimclr.md §8; the default) or <c>cmd</c>
/// (the CMD protocols PCM3 and A2MC follow, spec/pcm3.md §8).</para>
/// </summary>
public static class EncoderEvaluation
{
    /// <summary>The protocols that run on a bare encoder (every classifying protocol of the catalog, and t-SNE).</summary>
    public static IReadOnlyList<string> Protocols { get; } = ["linear", "knn", "semi", "finetune", "tsne"];

    /// <summary>The recipe families: AimCLR's (ST-GCN papers) and CMD's (the GRU papers).</summary>
    public static IReadOnlyList<string> Recipes { get; } = ["aimclr", "cmd"];

    /// <summary>How reports name a protocol (the catalog's display name).</summary>
    public static string Display(string protocol) =>
        Catalog.Default.Protocols.TryGetValue(protocol, out var descriptor) ? descriptor.Display : protocol;

    /// <summary>
    /// What a finished pre-training run folder gives to evaluate (<see cref="PretrainRunFolder"/>): its final encoder's
    /// weights file, the encoder it was built as (what shapes cannot show: strides, dropout) and its stream.
    /// </summary>
    /// <exception cref="FileNotFoundException">No config.json (not a run folder), or no final encoder yet.</exception>
    public static (string WeightsFile, StGcnConfig Encoder, SkeletonStream Stream) RunFolder(string directory)
    {
        var config = PretrainRunFolder.ReadConfig(directory);
        var file = Path.Combine(directory, PretrainRunFolder.EncoderFile);
        if (!File.Exists(file))
            throw new FileNotFoundException($"{file}: the run has no final encoder yet; finish it with pretrain --resume", file);
        return (file, config.EncoderWithHead, config.Stream);
    }

    /// <summary>
    /// The configuration record the protocol runs with (a <see cref="LinearProbeConfig"/>, <see cref="KnnConfig"/>,
    /// <see cref="SemiSupervisedConfig"/>, <see cref="FineTuneConfig"/> or <see cref="TsneConfig"/>), sized for the profile.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown protocol or recipe, or semi without a valid <c>labelled</c> option.</exception>
    public static object Config(string protocol, IReadOnlyDictionary<string, string> options, Profile profile)
    {
        bool cmd = Recipe(options) == "cmd";
        return protocol switch
        {
            "linear" => (cmd ? LinearProbeConfig.Cmd : LinearProbeConfig.AimClr).For(profile),
            "knn" => new KnnConfig().For(profile),
            "semi" => (cmd ? SemiSupervisedConfig.Cmd(Labelled(options)) : SemiSupervisedConfig.AimClr(Labelled(options))).For(profile),
            "finetune" => (cmd ? FineTuneConfig.Cmd : FineTuneConfig.SkeleMixClrRecon).For(profile),
            "tsne" => new TsneConfig().For(profile),
            _ => throw new ArgumentException($"unknown protocol '{protocol}': expected one of {string.Join(", ", Protocols)}"),
        };
    }

    /// <summary>
    /// Runs <paramref name="protocol"/> on the encoder <paramref name="encoder"/> builds (called once; the
    /// fine-tuning protocols train that copy in place). train and test: (N, 3, T, 25, M) parts of one split;
    /// tsne reads the test part only.
    /// </summary>
    public static ProtocolResult Run(Func<torch.Device, SkeletonEncoder> encoder, SkeletonStream stream,
                                     SkeletonDataset train, SkeletonDataset test, string protocol,
                                     IReadOnlyDictionary<string, string> options, Profile profile, int seed, torch.Device device)
    {
        var config = Config(protocol, options, profile);
        using var model = encoder(device);
        using var generator = new torch.Generator((ulong)seed);
        int numClasses = Math.Max(train.NumClasses, test.NumClasses);
        switch (config)
        {
            case KnnConfig knn:
                var k = Knn.Evaluate(model, train, test, stream, knn, device);
                return new ProtocolResult(Percent(k.Top1, k.Top5),
                    [Confusion($"KNN confusion ({stream})", Metrics.ConfusionMatrix(k.Predicted, test.Labels, numClasses))]);
            case TsneConfig tsne:
                var t = Tsne.Evaluate(model, test, stream, tsne, generator, device);
                var scatter = new ScatterData($"t-SNE ({Name(stream)}), NMI {t.NmiEmbedding:F3}",
                    [.. t.Points.Select(p => (double)p[0])], [.. t.Points.Select(p => (double)p[1])], [.. t.Labels.Select(l => $"A{l + 1:D2}")]);
                return new ProtocolResult(new Dictionary<string, double>
                {
                    ["nmi"] = t.NmiEmbedding, ["nmi-features"] = t.NmiFeatures, ["kl"] = t.KlDivergence,
                }, [scatter]);
        }
        var result = config switch
        {
            LinearProbeConfig linear => LinearProbe.Run(model, train, test, stream, linear, generator, device),
            SemiSupervisedConfig semi => SemiSupervised.Run(model, train, test, stream, semi, generator, device),
            FineTuneConfig fineTune => FineTune.Run(model, train, test, stream, fineTune, generator, device),
            _ => throw new InvalidOperationException($"no runner for {config.GetType().Name}"),
        };
        var history = new CurveData($"{protocol}: test top-1 during training", "epoch", "top-1 (%)",
            [new CurveSeries(Name(stream), [.. result.History.Select(h => (double)h.Epoch)], [.. result.History.Select(h => 100 * h.Top1)])]);
        var metrics = Percent(result.Top1, result.Top5);
        metrics["final-top1"] = 100 * result.FinalTop1;
        metrics["best-epoch"] = result.BestEpoch;
        return new ProtocolResult(metrics, [history, Confusion($"Confusion ({stream})", ConfusionOf(result, numClasses))]);
    }

    private static string Recipe(IReadOnlyDictionary<string, string> options)
    {
        var recipe = options.GetValueOrDefault("recipe") ?? "aimclr";
        return Recipes.Contains(recipe) ? recipe
            : throw new ArgumentException($"protocol option recipe = '{recipe}': expected {string.Join(" or ", Recipes)}");
    }

    // Validated as EvaluationProtocols.Semi does for the tables.
    private static double Labelled(IReadOnlyDictionary<string, string> options)
    {
        var text = options.GetValueOrDefault("labelled")
                   ?? throw new ArgumentException("semi needs the protocol option labelled (the labelled fraction, e.g. 0.01)");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) || fraction is <= 0 or > 1)
            throw new ArgumentException($"semi option labelled = '{text}': expected a fraction in (0, 1]");
        return fraction;
    }

    private static Dictionary<string, double> Percent(double top1, double top5) => new() { ["top1"] = 100 * top1, ["top5"] = 100 * top5 };

    private static string Name(SkeletonStream stream) => stream.ToString().ToLowerInvariant();

    private static long[][] ConfusionOf(ClassifierResult result, int numClasses)
    {
        var names = result.Labels.Keys.Order(StringComparer.Ordinal).ToArray();
        var predicted = names.Select(n => (long)Array.IndexOf(result.BestLogits[n], result.BestLogits[n].Max())).ToArray();
        return Metrics.ConfusionMatrix(predicted, names.Select(n => result.Labels[n]).ToArray(), numClasses);
    }

    private static HeatmapData Confusion(string title, long[][] confusion)
    {
        var classes = Enumerable.Range(1, confusion.Length).Select(i => $"A{i:D2}").ToArray();
        return new HeatmapData(title, classes, classes, [.. confusion.Select(r => (IReadOnlyList<double>)[.. r.Select(v => (double)v)])]);
    }
}
