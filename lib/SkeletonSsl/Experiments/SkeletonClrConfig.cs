using SkeletonSsl.Data.Preprocessing;
using System.Text.Json.Serialization;
using SkeletonSsl.Augmentations;
using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Methods;
using SkeletonSsl.Methods.Shared;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Training;
using static TorchSharp.torch;

namespace SkeletonSsl.Experiments;

/// <summary>
/// SkeletonCLR (<see cref="SkeletonClr"/>): MoCo v2 on skeleton clips. <see cref="Paper"/>: on AimCLR's ST-GCN with
/// crop + shear, the AimCLR paper's schedule (spec/aimclr.md §4, §8.1). <see cref="Gru"/>: the contrastive base of
/// PCM3 and A2MC, on the CMD GRU encoder with the CMD pipeline and augmentations (spec/pcm3.md §3, §5; spec/a2mc.md
/// §1.1-1.3, §5.1: lr 0.01, batch 64, K = 16384, 450 epochs with the step after 350) and the CMD recipes.
/// </summary>
public sealed record SkeletonClrConfig : MocoMethodConfig
{
    [JsonIgnore]
    public override string Name => "skeletonclr";

    public override EncoderConfig Encoder { get; init; } = StGcnConfig.AimClr;

    /// <summary>On ST-GCN, as the AimCLR paper trains it.</summary>
    public static SkeletonClrConfig Paper { get; } = new();

    /// <summary>On the CMD GRU encoder (the MoCo v2 baseline of CMD, PCM3 and A2MC).</summary>
    public static SkeletonClrConfig Gru { get; } = new()
    {
        Encoder = GruEncoderConfig.Cmd,
        Pipeline = PreparePipeline.Cmd.Name,
        NormalAugmentation = "cmd-basic",
        Moco = new MocoConfig { QueueSize = 16384 },
        Training = new TrainingConfig { Epochs = 450, ScheduleEpochs = 450, BatchSize = 64, LearningRate = 0.01, LrSteps = [350] },
        Recipes = EvaluationRecipes.Cmd,
    };

    /// <summary>Table 1's "w/ EA": "with aimclr-extreme augmentations" in place of the normal views' preset.</summary>
    public override IEnumerable<string> Differences(MethodConfig preset)
    {
        foreach (var d in base.Differences(preset)) yield return d;
        if (preset is SkeletonClrConfig paper && NormalAugmentation != paper.NormalAugmentation)
            yield return $"with {NormalAugmentation} augmentations";
    }

    public override IPretrainMethod Create(SkeletonStream stream, Generator queueGenerator)
    {
        var encoder = TrainedEncoder;
        return new SkeletonClr(() => encoder.Build(), AugmentationPresets.Create(NormalAugmentation), stream, Moco, queueGenerator);
    }
}
