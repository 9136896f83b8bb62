using SkeletonSsl.Data.Preprocessing;
using System.Text.Json.Serialization;
using SkeletonSsl.Encoders;
using SkeletonSsl.Methods.Shared;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Training;
using static TorchSharp.torch;

namespace SkeletonSsl.Experiments;

/// <summary>
/// A method's typed config: the experiment's identity. One sealed record per method (SkeletonCLR, AimCLR,
/// the random-init baseline, later PCM3 and A2MC) with the paper's defaults, carrying its encoder (a typed
/// <see cref="EncoderConfig"/>), the preprocessing pipeline of its data, its optimisation, its evaluation
/// recipes and its presets per profile. Ablations are <c>with</c> expressions on it (checked by the compiler);
/// it serialises with its method name (<see cref="ConfigJson"/>) and its hash names results and runs.
/// A method is this record, its class in Methods/ and one line in the catalog (<c>Tables/Catalog.cs</c>).
/// </summary>
public abstract record MethodConfig
{
    /// <summary>The catalog key ("skeletonclr", "aimclr", "random-init").</summary>
    [JsonIgnore]
    public abstract string Name { get; }

    /// <summary>The backbone (without the projection head the method adds, see <see cref="TrainedEncoder"/>).</summary>
    public abstract EncoderConfig Encoder { get; init; }

    /// <summary>The preprocessing its data is prepared with: "aimclr" (50 frames) or "cmd" (300 frames, crop-resized to 64 when fed).</summary>
    public string Pipeline { get; init; } = PreparePipeline.AimClr.Name;

    /// <summary>Optimiser, schedule and checkpoints of pre-training.</summary>
    public TrainingConfig Training { get; init; } = new();

    /// <summary>How its encoders are evaluated (each protocol's recipe); null in a pre-training run's config, whose identity they are not part of.</summary>
    public EvaluationRecipes? Recipes { get; init; } = EvaluationRecipes.AimClr;

    /// <summary>False for a baseline without pre-training (the encoder keeps its random initialisation).</summary>
    [JsonIgnore]
    public virtual bool Pretrains => true;

    /// <summary>The encoder as pre-training builds, trains and saves it (with the method's projection head).</summary>
    [JsonIgnore]
    public abstract EncoderConfig TrainedEncoder { get; }

    /// <summary>The config at a profile's size (DESIGN "Profiles"): Paper unchanged; Quick and Smoke shrink the
    /// models and shorten the schedule, every epoch setting scaled alike (<see cref="TrainingConfig.Shortened"/>).</summary>
    public abstract MethodConfig For(Profile profile);

    /// <summary>Builds the method on the CPU for one input stream; the queue's initial entries come from <paramref name="queueGenerator"/>.</summary>
    public abstract IPretrainMethod Create(SkeletonStream stream, Generator queueGenerator);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public virtual void Validate()
    {
        if (Pipeline != PreparePipeline.AimClr.Name && Pipeline != PreparePipeline.Cmd.Name)
            throw new ArgumentException($"{Name}: unknown pipeline '{Pipeline}': expected {PreparePipeline.AimClr.Name} or {PreparePipeline.Cmd.Name}");
        TrainedEncoder.Validate();
        Training.Validate();
    }

    /// <summary>
    /// How this config differs from <paramref name="preset"/> (its method's paper config on the same encoder), in words,
    /// for run labels: "100 epochs", and each method's own switches ("without EADM"). Empty when it is the preset.
    /// </summary>
    public virtual IEnumerable<string> Differences(MethodConfig preset)
    {
        if (Training.Epochs != preset.Training.Epochs) yield return $"{Training.Epochs} epochs";
    }

    /// <summary>This config without its evaluation recipes: what a pre-training run is (two recipes, one run).</summary>
    public MethodConfig ForPretraining() => this with { Recipes = null };
}
