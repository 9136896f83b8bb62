using System.Text.Json.Serialization;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Training;

namespace SkeletonSsl.Experiments;

/// <summary>
/// One pre-training run as it is trained and recorded in its folder's config.json: the method's config at the
/// run's profile (<see cref="MethodConfig.For"/>, without evaluation recipes), the input stream and the seed.
/// <see cref="Of"/> makes it from a method's paper config; its hash is the run's provenance.
/// </summary>
public sealed record PretrainConfig
{
    /// <summary>The method, already at the profile's sizes.</summary>
    public required MethodConfig Method { get; init; }

    /// <summary>The profile <see cref="Method"/> was sized for (recorded; the sizes are in <see cref="Method"/>).</summary>
    public Profile Profile { get; init; } = Profile.Paper;

    public SkeletonStream Stream { get; init; } = SkeletonStream.Joint;
    public long Seed { get; init; }

    /// <summary>The method's optimisation settings.</summary>
    [JsonIgnore]
    public TrainingConfig Training => Method.Training;

    /// <summary>The run of <paramref name="method"/> (its paper config, or an ablation of it) at <paramref name="profile"/>.</summary>
    public static PretrainConfig Of(MethodConfig method, Profile profile, SkeletonStream stream = SkeletonStream.Joint, long seed = 0)
    {
        var config = new PretrainConfig { Method = method.For(profile).ForPretraining(), Profile = profile, Stream = stream, Seed = seed };
        config.Validate();
        return config;
    }

    /// <summary>This run for <paramref name="epochs"/> epochs (the schedule's steps stay where they are).</summary>
    public PretrainConfig WithEpochs(int epochs) => this with { Method = Method with { Training = Method.Training with { Epochs = epochs } } };

    /// <summary>Throws ArgumentException naming the first invalid field.</summary>
    public void Validate()
    {
        if (!Method.Pretrains) throw new ArgumentException($"{Method.Name} has no pre-training");
        Method.Validate();
    }
}
