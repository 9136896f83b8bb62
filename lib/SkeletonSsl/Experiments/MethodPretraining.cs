using System.Globalization;
using SkeletonSsl.Training;
using TorchSharp;

namespace SkeletonSsl.Experiments;

/// <summary>
/// The catalog's pre-training entry for SkeletonCLR and AimCLR: a <see cref="PretrainSpec"/> and a
/// profile become a <see cref="PretrainConfig"/> (the profile's preset plus the spec's ablation
/// switches), which <see cref="Pretraining.Run"/> trains into the run folder. A finished run with the
/// same config is reused; an interrupted one is resumed from its newest checkpoint.
/// </summary>
public static class MethodPretraining
{
    /// <summary>The paper's pre-training length (AimCLR §4.2: 300 epochs); "epochs" switches are given in paper epochs.</summary>
    public const int PaperEpochs = 300;

    /// <summary>
    /// The config of a run. Switches (AimCLR Table 1 and Table 3): augmentation=extreme (SkeletonCLR with the
    /// extreme chain in place of the normal one), eadm=off (no drop branch, Eq. 8 dropped), d3m=off,
    /// nnm=off, nnm-start=E, nnm-topk=K, extreme-chain=PRESET, epochs=E. Epoch counts are paper epochs,
    /// scaled to the profile's length (reconstruction for Table 3: the learning-rate step and the NNM
    /// start keep their epochs, so a 100-epoch run never reaches either, as a shortened run of the
    /// paper's schedule would not).
    /// </summary>
    public static PretrainConfig Config(PretrainSpec spec, Profile profile, long seed = 0)
    {
        var config = PretrainPresets.Create(spec.Method, profile, spec.Stream, seed);
        var scale = (double)config.Training.Epochs / PaperEpochs;
        int Scaled(string text) => Math.Max(1, (int)Math.Round(Int(text) * scale));
        foreach (var (key, value) in spec.Options)
        {
            config = key switch
            {
                "augmentation" when value == "extreme" => config with { NormalAugmentation = config.AimClr.ExtremeAugmentation },
                "augmentation" when value == "normal" => config,
                "eadm" => config with { AimClr = config.AimClr with { DropBranch = OnOff(key, value) } },
                "d3m" => config with { AimClr = config.AimClr with { D3mWeight = OnOff(key, value) ? config.AimClr.D3mWeight : 0 } },
                "nnm" => OnOff(key, value) ? config : config with { AimClr = config.AimClr with { MiningEpoch = int.MaxValue } },
                "nnm-start" => config with { AimClr = config.AimClr with { MiningEpoch = Scaled(value) } },
                "nnm-topk" => config with { AimClr = config.AimClr with { TopK = Int(value) } },
                "extreme-chain" => config with { AimClr = config.AimClr with { ExtremeAugmentation = value } },
                "epochs" => config with { Training = config.Training with { Epochs = Scaled(value) } },
                _ => throw new ArgumentException($"{spec.Method}: unsupported switch {key}={value}"),
            };
        }
        config.Validate();
        return config;
    }

    /// <summary>
    /// Trains (or reuses, or resumes) the run and returns it with a loader of its encoder. Holds the run's
    /// lock from the check to the end, so that of two table runs needing the same run (two processes, or
    /// two threads), one trains it and the other waits and reuses it.
    /// </summary>
    public static PretrainRun Pretrain(PretrainRequest request)
    {
        var config = Config(request.Spec, request.Profile, request.Seed);
        var dir = request.RunDirectory;
        var encoderPath = Path.Combine(dir, PretrainRunFolder.EncoderFile);
        IReadOnlyList<double> losses = [];
        Data.OutputGuard.Folder(dir, "a pre-training run", PretrainRunFolder.IsRunFolder, force: false, canForce: false);
        using var runLock = RunLock.Acquire(dir, request.Log);
        var finished = File.Exists(encoderPath) && File.Exists(Path.Combine(dir, PretrainRunFolder.ConfigFile))
                       && ConfigJson.Hash(PretrainRunFolder.ReadConfig(dir)) == ConfigJson.Hash(config);
        if (!finished)
        {
            var (train, test) = ExperimentData.Load(request.Spec.Dataset, request.Spec.Split, request.Profile, request.DataRoot, request.SyntheticRoot);
            using (train)
            using (test)
            {
                var resume = PretrainCheckpoint.Latest(Path.Combine(dir, Trainer.CheckpointFolder)) is not null;
                request.Log?.Invoke(resume ? $"  resuming {dir}" : $"  training {config.Training.Epochs} epochs on {train.Count} clips");
                var result = Pretraining.RunLocked(config, train, dir, request.Progress, resume, DeviceOf(request.Device),
                                                   $"{(request.DataRoot is null ? "synthetic" : request.DataRoot)} {request.Spec.Dataset} {request.Spec.Split}",
                                                   CancellationToken.None);
                losses = MetricsLog.ReadLosses(dir);                 // every epoch, the resumed ones included
            }
        }
        else
        {
            request.Log?.Invoke($"  reusing the finished run {dir}");
            losses = MetricsLog.ReadLosses(dir);
        }
        return new PretrainRun(request.Spec, dir, encoderPath, losses, device => PretrainRunFolder.LoadEncoder(dir, device));
    }

    private static bool OnOff(string key, string value) => value switch
    {
        "on" => true,
        "off" => false,
        _ => throw new ArgumentException($"switch {key}={value}: expected on or off"),
    };

    private static int Int(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v : throw new ArgumentException($"expected a positive whole number, got '{text}'");

    private static torch.Device DeviceOf(string device) => device switch
    {
        "cpu" => torch.CPU,
        "cuda" when torch.cuda.is_available() => torch.CUDA,
        "cuda" => throw new ArgumentException("--device cuda: CUDA is not available (build with -p:TorchBackend=cuda on a CUDA machine)"),
        _ => throw new ArgumentException($"unknown device '{device}': expected cpu or cuda"),
    };
}
