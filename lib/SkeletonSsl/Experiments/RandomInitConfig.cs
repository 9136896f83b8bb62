using SkeletonSsl.Data.Preprocessing;
using System.Text.Json.Serialization;
using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Methods.Shared;
using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Experiments;

/// <summary>
/// No pre-training: the encoder keeps its seeded random initialisation. Fine-tuning it is the supervised
/// baseline of AimCLR Tables 5 and 8 (a reconstruction: the paper quotes ST-GCN's published numbers), and
/// linear / KNN evaluation of it is the floor a pre-trained encoder must beat. <see cref="Paper"/>: AimCLR's
/// ST-GCN with the AimCLR recipes; <see cref="Gru"/>: the CMD GRU with the CMD recipes.
/// </summary>
public sealed record RandomInitConfig : MethodConfig
{
    [JsonIgnore]
    public override string Name => "random-init";

    public override EncoderConfig Encoder { get; init; } = StGcnConfig.AimClr;

    /// <summary>AimCLR's ST-GCN (reference N(0, 0.02) init) with AimCLR's recipes, except that fine-tuning it is supervised
    /// training: batch-norm statistics and dropout in train mode (<see cref="FineTuneConfig.Supervised"/>).</summary>
    public static RandomInitConfig Paper { get; } = new() { Recipes = EvaluationRecipes.AimClr with { FineTune = FineTuneConfig.Supervised } };

    public static RandomInitConfig Gru { get; } = new() { Encoder = GruEncoderConfig.Cmd, Pipeline = PreparePipeline.Cmd.Name, Recipes = EvaluationRecipes.Cmd };

    [JsonIgnore]
    public override bool Pretrains => false;

    [JsonIgnore]
    public override EncoderConfig TrainedEncoder => Encoder;

    /// <summary>The encoder's reduced size, keeping the reference N(0, 0.02) init of ST-GCN (spec/aimclr.md §3.4): with no
    /// pre-training to speed up, the supervised rows start where the reference's supervised model starts.</summary>
    public override MethodConfig For(Profile profile)
    {
        if (profile == Profile.Paper) return this;
        var reduced = Encoder.For(profile);
        return this with { Encoder = reduced is StGcnConfig stgcn && Encoder is StGcnConfig paper ? stgcn with { Init = paper.Init } : reduced };
    }

    public override IPretrainMethod Create(SkeletonStream stream, Generator queueGenerator) =>
        throw new InvalidOperationException("random-init has no pre-training: its encoder is built by the evaluation (TrainedEncoder.Build)");
}
