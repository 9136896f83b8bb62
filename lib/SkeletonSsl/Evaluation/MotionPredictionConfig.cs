namespace SkeletonSsl.Evaluation;

/// <summary>
/// Settings of the motion-prediction protocol (PCM3 §4.3 item 5, Table 6; a documented reconstruction, see
/// <see cref="MotionPrediction"/>). The defaults are Martinez et al.'s short-term setting (CVPR 2017, §4 and the
/// defaults of their released training script): 50 seed frames, 10 predicted frames, a single GRU of 1024 units,
/// plain SGD at lr 0.005 decayed ×0.95 every 10,000 iterations, batch 16, gradient norm clipped at 5, 100,000
/// iterations; the seed and predicted frames as Martinez count them (frames of NTU's 30 fps, not resampled to their
/// 25 fps: 10 frames are 333 ms here, 400 ms there). <see cref="For"/> gives the Smoke and Quick sizes.
/// </summary>
public sealed record MotionPredictionConfig
{
    /// <summary>Observed frames the encoder reads (Martinez: 50).</summary>
    public int SeedFrames { get; init; } = 50;

    /// <summary>Predicted frames (Martinez's short term: 10).</summary>
    public int PredictedFrames { get; init; } = 10;

    /// <summary>
    /// The predicted frames (1-based) reported on their own as "mpjpe-f{k}": 2, 4, 8, 10 are Martinez's 80, 160, 320 and
    /// 400 ms at 25 fps (67, 133, 267, 333 ms at NTU's 30 fps). The catalog lists these four.
    /// </summary>
    public IReadOnlyList<int> Horizons { get; init; } = [2, 4, 8, 10];

    /// <summary>GRU units of the decoder (Martinez: 1024).</summary>
    public int DecoderHidden { get; init; } = 1024;

    /// <summary>Initial weights of the decoder's velocity head ~ U(±bound); 0 (default): the untrained model is the zero-velocity baseline. Martinez's code: 0.04.</summary>
    public double OutputInitBound { get; init; }

    /// <summary>Train the encoder with the decoder (default: "fine-tune the whole model"); false freezes f(·) (a named variant).</summary>
    public bool FineTuneEncoder { get; init; } = true;

    /// <summary>
    /// Decode in standardised coordinates, (x − μ) / σ per value with the training clips' mean and deviation over their valid
    /// frames, as Martinez normalise their data (values with σ &lt; 1e-4 keep σ = 1); the loss is taken there, MPJPE in metres.
    /// False decodes raw coordinates.
    /// </summary>
    public bool Standardise { get; init; } = true;

    public int Iterations { get; init; } = 100_000;
    public int BatchSize { get; init; } = 16;
    public double LearningRate { get; init; } = 0.005;

    /// <summary>Plain SGD, as Martinez (momentum 0).</summary>
    public double Momentum { get; init; }

    /// <summary>The learning rate is multiplied by <see cref="DecayFactor"/> every <see cref="DecayEvery"/> iterations.</summary>
    public int DecayEvery { get; init; } = 10_000;
    public double DecayFactor { get; init; } = 0.95;

    /// <summary>Cap on the total L2 norm of the gradients (Martinez: 5).</summary>
    public double GradientClipNorm { get; init; } = 5;

    /// <summary>The seed of the test windows (where each test clip's seed frames start): the same windows for every method.</summary>
    public long TestSeed { get; init; } = 6;

    /// <summary>Test clips predicted per batch (no gradients).</summary>
    public int EvalBatchSize { get; init; } = 256;

    /// <summary>Training losses averaged over this many iterations for the loss curve.</summary>
    public int LogEvery { get; init; } = 100;

    /// <summary>Frame rate of the data (NTU RGB+D: 30 fps), for the horizons in milliseconds.</summary>
    public double FramesPerSecond { get; init; } = 30;

    /// <summary>Martinez et al.'s short-term setting (the defaults).</summary>
    public static MotionPredictionConfig Martinez => new();

    /// <summary>
    /// The profile's size. Paper: unchanged. Quick (synthetic clips of ~30-75 frames): 20 seed frames, a 256-unit decoder,
    /// 1,500 iterations at lr 0.05, decay every 500. Smoke (~25-45 frames): 10 seed frames, 32 units, 60 iterations at lr
    /// 0.05. Both keep the 10 predicted frames and the horizons; reduced-profile choices, not the paper's.
    /// </summary>
    public MotionPredictionConfig For(Profile profile) => profile switch
    {
        Profile.Quick => this with { SeedFrames = 20, DecoderHidden = 256, Iterations = 1_500, LearningRate = 0.05, DecayEvery = 500, LogEvery = 50 },
        Profile.Smoke => this with { SeedFrames = 10, DecoderHidden = 32, Iterations = 60, LearningRate = 0.05, DecayEvery = 20, LogEvery = 10, EvalBatchSize = 64 },
        _ => this,
    };

    /// <summary>Milliseconds after the last seed frame at which predicted frame <paramref name="frame"/> (1-based) lies.</summary>
    public double Milliseconds(int frame) => 1000.0 * frame / FramesPerSecond;

    public void Validate()
    {
        string name = nameof(MotionPredictionConfig);
        if (SeedFrames < 1) throw new ArgumentException($"{name}.{nameof(SeedFrames)}: expected at least 1, got {SeedFrames}");
        if (PredictedFrames < 1) throw new ArgumentException($"{name}.{nameof(PredictedFrames)}: expected at least 1, got {PredictedFrames}");
        if (Horizons.Any(h => h < 1 || h > PredictedFrames))
            throw new ArgumentException($"{name}.{nameof(Horizons)}: expected frames in [1, {PredictedFrames}], got [{string.Join(", ", Horizons)}]");
        if (DecoderHidden < 1) throw new ArgumentException($"{name}.{nameof(DecoderHidden)}: expected at least 1, got {DecoderHidden}");
        if (OutputInitBound < 0) throw new ArgumentException($"{name}.{nameof(OutputInitBound)}: expected ≥ 0, got {OutputInitBound}");
        if (Iterations < 0 || BatchSize < 1 || EvalBatchSize < 1 || LogEvery < 1)
            throw new ArgumentException($"{name}: iterations ≥ 0, batch sizes and the log interval ≥ 1 (got {Iterations}, {BatchSize}, {EvalBatchSize}, {LogEvery})");
        if (LearningRate <= 0) throw new ArgumentException($"{name}.{nameof(LearningRate)}: expected > 0, got {LearningRate}");
        if (DecayEvery < 1 || DecayFactor <= 0) throw new ArgumentException($"{name}: expected DecayEvery ≥ 1 and DecayFactor > 0, got {DecayEvery}, {DecayFactor}");
        if (GradientClipNorm <= 0) throw new ArgumentException($"{name}.{nameof(GradientClipNorm)}: expected > 0, got {GradientClipNorm}");
        if (TestSeed < 0) throw new ArgumentException($"{name}.{nameof(TestSeed)}: expected a non-negative seed, got {TestSeed}");
        if (FramesPerSecond <= 0) throw new ArgumentException($"{name}.{nameof(FramesPerSecond)}: expected > 0, got {FramesPerSecond}");
    }

    /// <summary>The learning rate of the 1-based iteration: base · DecayFactor^⌊(i − 1) / DecayEvery⌋.</summary>
    public double LearningRateAt(int iteration) => LearningRate * Math.Pow(DecayFactor, (iteration - 1) / DecayEvery);
}
