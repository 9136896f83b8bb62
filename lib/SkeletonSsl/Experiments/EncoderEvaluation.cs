using System.Globalization;
using SkeletonSsl.Data;
using SkeletonSsl.Encoders;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Skeletons;
using TorchSharp;

namespace SkeletonSsl.Experiments;

/// <summary>
/// One protocol of the catalog run on any encoder, outside a paper table: the <c>eval</c> command's engine. It
/// builds the experiment a table would (a single-stream spec of the method whose recipes apply, the loaded parts
/// handed to an <see cref="ExperimentContext"/>, a run whose encoder is the given one) and calls the catalog's
/// protocol itself, so a released model is evaluated exactly as the tables evaluate the kit's own.
/// <para>Protocol options: <c>labelled</c> (semi: the labelled fraction, 0.01 or 0.1 in the papers), <c>encoder</c>
/// (motion-prediction: <c>finetune</c>, the default, or <c>frozen</c>) and
/// <c>recipe</c>: <c>aimclr</c> (AimCLR's protocols, spec/aimclr.md §8; the default) or <c>cmd</c>
/// (the CMD protocols PCM3 and A2MC follow, spec/pcm3.md §8).</para>
/// </summary>
public static class EncoderEvaluation
{
    /// <summary>The recipe families: AimCLR's (ST-GCN papers) and CMD's (the GRU papers).</summary>
    public static IReadOnlyList<string> Recipes { get; } = ["aimclr", "cmd"];

    /// <summary>The method whose evaluation recipes a recipe family names: AimCLR's, or the CMD baseline's (SkeletonCLR on the GRU).</summary>
    public static MethodConfig RecipeMethod(string recipe) => recipe switch
    {
        "aimclr" => AimClrConfig.Paper,
        "cmd" => SkeletonClrConfig.Gru,
        _ => throw new ArgumentException($"protocol option recipe = '{recipe}': expected {string.Join(" or ", Recipes)}"),
    };

    /// <summary>The recipe family of an encoder: CMD's for the GRU (the encoder of the CMD papers), AimCLR's otherwise.</summary>
    public static string RecipeOf(string encoderKind) => encoderKind == "gru" ? "cmd" : "aimclr";

    /// <summary>
    /// What a finished pre-training run folder gives to evaluate (<see cref="PretrainRunFolder"/>): its final encoder's
    /// weights file, the encoder it was built as (what shapes cannot show: strides, dropout) and its stream.
    /// </summary>
    /// <exception cref="FileNotFoundException">No config.json (not a run folder), or no final encoder yet.</exception>
    public static (string WeightsFile, EncoderConfig Encoder, SkeletonStream Stream) RunFolder(string directory)
    {
        var config = PretrainRunFolder.ReadConfig(directory);
        var file = Path.Combine(directory, PretrainRunFolder.EncoderFile);
        if (!File.Exists(file))
            throw new FileNotFoundException($"{file}: the run has no final encoder yet; finish it with pretrain --resume", file);
        return (file, config.Method.TrainedEncoder, config.Stream);
    }

    /// <summary>
    /// The configuration record the protocol runs with (a <see cref="LinearProbeConfig"/>, <see cref="KnnConfig"/>,
    /// <see cref="SemiSupervisedConfig"/>, <see cref="FineTuneConfig"/>, <see cref="TsneConfig"/>, <see cref="OcclusionConfig"/>,
    /// <see cref="Evaluation.Detection.DetectionConfig"/> or <see cref="MotionPredictionConfig"/>), sized for the profile.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown protocol or recipe, or semi without a valid <c>labelled</c> option.</exception>
    public static object Config(string protocol, IReadOnlyDictionary<string, string> options, Profile profile)
    {
        var recipes = RecipeMethod(options.GetValueOrDefault("recipe") ?? "aimclr").Recipes!;
        return protocol switch
        {
            "linear" => recipes.Linear.For(profile),
            "knn" => recipes.Knn.For(profile),
            "semi" => (recipes.Semi with { Fraction = Labelled(options) }).For(profile),
            "finetune" => recipes.FineTune.For(profile),
            "tsne" => recipes.Tsne.For(profile),
            "occlusion" => new OcclusionConfig { Linear = recipes.Linear }.For(profile),
            "detection" => EvaluationProtocols.DetectionOf(options, recipes, profile),
            "motion-prediction" => EvaluationProtocols.MotionPredictionSettings(options, profile),
            _ => throw new ArgumentException($"unknown protocol '{protocol}': expected linear, knn, semi, finetune, tsne, occlusion, detection or motion-prediction"),
        };
    }

    /// <summary>
    /// Runs <paramref name="protocol"/> on the encoder <paramref name="encoder"/> builds (called once per stream; the
    /// fine-tuning protocols train that copy in place). train and test: (N, 3, T, 25, M) parts of one split, owned by
    /// the caller; tsne reads the test part only.
    /// </summary>
    public static ProtocolResult Run(Func<torch.Device, SkeletonEncoder> encoder, SkeletonStream stream,
                                     SkeletonDataset train, SkeletonDataset test, ProtocolDescriptor descriptor,
                                     IReadOnlyDictionary<string, string> options, Profile profile, int seed, torch.Device device)
    {
        var protocol = descriptor.Name;
        _ = Config(protocol, options, profile);                                  // the options are checked before any work
        var method = RecipeMethod(options.GetValueOrDefault("recipe") ?? "aimclr");
        var spec = ExperimentSpec.Single(method, stream, "store", "split", protocol);
        if (options.GetValueOrDefault("labelled") is { } labelled) spec = spec.WithProtocolOption("labelled", labelled);
        if (options.GetValueOrDefault("encoder") is { } mode) spec = spec.WithProtocolOption("encoder", mode);
        var outDir = Directory.CreateTempSubdirectory("skeletonssl-eval-").FullName;
        try
        {
            using var context = new ExperimentContext(profile, seed, device, null, outDir);
            context.Use(spec.Dataset, spec.Split, method.Pipeline, train, test);
            var run = new PretrainRun(spec.Pretrains.Single(), outDir, null, [], encoder);
            var evaluate = descriptor.Evaluate ?? throw new ArgumentException($"protocol {protocol} is not in the kit yet");
            return evaluate(new EvaluationRequest(spec, [run], context, outDir));
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    /// <summary>
    /// Runs the detection protocol on the encoder <paramref name="encoder"/> builds, on untrimmed recordings with frame labels
    /// (a detection store's split, owned by the caller). Options: <c>recipe</c> as for <see cref="Run"/>, <c>mode</c>
    /// (finetune, the paper's default, or linear-only).
    /// </summary>
    public static ProtocolResult RunDetection(Func<torch.Device, SkeletonEncoder> encoder, SkeletonStream stream, DetectionSet train, DetectionSet test,
                                              IReadOnlyDictionary<string, string> options, Profile profile, int seed, torch.Device device)
    {
        _ = Config("detection", options, profile);
        var method = RecipeMethod(options.GetValueOrDefault("recipe") ?? "aimclr");
        var spec = ExperimentSpec.Single(method, stream, "store", "split", "detection");
        if (options.GetValueOrDefault("mode") is { } mode) spec = spec.WithProtocolOption("mode", mode);
        var outDir = Directory.CreateTempSubdirectory("skeletonssl-eval-").FullName;
        try
        {
            using var context = new ExperimentContext(profile, seed, device, null, outDir);
            context.UseDetection(spec.Dataset, spec.Split, train, test);
            var run = new PretrainRun(spec.Pretrains.Single(), outDir, null, [], encoder);
            return EvaluationProtocols.Detection(new EvaluationRequest(spec, [run], context, outDir));
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
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
}
