using SkeletonSsl.Data;
using SkeletonSsl.Encoders.Decoders;
using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Experiments;
using SkeletonSsl.Tables;
using SkeletonSsl.Skeletons;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Evaluation;

public sealed class MotionPredictionTests
{
    private static readonly MotionPredictionConfig Smoke = MotionPredictionConfig.Martinez.For(Profile.Smoke);

    /// <summary>
    /// Seeded (N, 3, 30, 25, 2) clips in metres, one "action": every joint swings on a sinusoid of 0.1 m around a rest pose,
    /// with a phase pattern over the joints shared by all clips; each clip has its own speed (0.15-0.35 rad per frame),
    /// phase offset and a small offset of the rest pose. Every other clip has no second body; valid frames 20-30, zeros after.
    /// </summary>
    internal static SkeletonDataset Swinging(int n, long seed, int minFrames = 20)
    {
        using var scope = NewDisposeScope();
        var shared = new Generator(99);                                                   // the action: the same in every set
        var pose = randn([1, 3, 1, 25, 2], generator: shared) * 0.3;
        var pattern = rand([1, 3, 1, 25, 2], generator: shared) * 2 * Math.PI;
        var g = new Generator((ulong)seed);
        const int T = 30;
        var rest = pose + randn([n, 3, 1, 25, 2], generator: g) * 0.02;
        var speed = rand([n, 1, 1, 1, 1], generator: g) * 0.2 + 0.15;
        var phase = pattern + rand([n, 1, 1, 1, 1], generator: g) * 2 * Math.PI;
        var t = arange(T, dtype: ScalarType.Float32).view(1, 1, T, 1, 1);
        var x = rest + 0.1 * sin(speed * t + phase);                                       // (N, 3, T, 25, 2)
        var frames = randint(minFrames, T + 1, [n], generator: g, dtype: ScalarType.Int64).data<long>().ToArray();
        var valid = (arange(T, dtype: ScalarType.Int64).unsqueeze(0) < tensor(frames).unsqueeze(1)).to(ScalarType.Float32).view(n, 1, T, 1, 1);
        var second = tensor(Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 1f : 0f).ToArray()).view(n, 1, 1, 1, 1);
        var body = cat([ones([n, 1, 1, 1, 1]), second], 4);
        var data = (x * valid * body).contiguous().DetachFromDisposeScope();
        return new SkeletonDataset(data, new long[n], [.. Enumerable.Range(0, n).Select(i => $"clip{i:D3}")], 1, frames);
    }

    private static GruEncoder SmokeGru(long seed) => new(GruEncoderConfig.Cmd.For(Profile.Smoke) as GruEncoderConfig, new Generator((ulong)seed));

    [Fact]
    public void Mpjpe_is_the_mean_euclidean_joint_error_in_millimetres_over_the_bodies_present()
    {
        // One joint of body 0 off by (3, 4, 0) cm in frame 2 only: a 50 mm error among 25 joints (body 1 absent) = 2 mm in frame
        // 2, 0 in frame 1; counting the absent body too halves it.
        var truth = zeros([1, 3, 2, 25, 2]);
        var predicted = truth.clone();
        predicted[0, 0, 1, 7, 0] = tensor(0.03f);
        predicted[0, 1, 1, 7, 0] = tensor(0.04f);
        var present = tensor(new[] { true, false }).view(1, 2);
        var perFrame = MotionPrediction.Mpjpe(predicted, truth, present);
        Assert.Equal(0.0, perFrame[0], 9);
        Assert.Equal(2.0, perFrame[1], 5);
        Assert.Equal(1.0, MotionPrediction.Mpjpe(predicted, truth)[1], 5);
    }

    [Fact]
    public void Mpjpe_averages_over_clips_and_rejects_mismatched_shapes()
    {
        // Clip 0 all joints 1 m off along z (1000 mm each), clip 1 exact: the mean is 500 mm.
        var truth = zeros([2, 3, 1, 25, 1]);
        var predicted = truth.clone();
        predicted[0, 2] = ones([1, 25, 1]);
        Assert.Equal(500.0, MotionPrediction.Mpjpe(predicted, truth)[0], 6);
        Assert.Throws<ArgumentException>(() => MotionPrediction.Mpjpe(predicted, zeros([2, 3, 2, 25, 1])));
    }

    [Fact]
    public void Cut_takes_each_clips_window_from_its_own_start()
    {
        var data = arange(2 * 10, dtype: ScalarType.Float32).view(2, 1, 10, 1, 1).expand(2, 3, 10, 25, 2).contiguous();   // value = 10·clip + frame
        var w = MotionPrediction.Cut(data, [1, 0], [6, 2], 4);
        Assert.Equal(new long[] { 2, 3, 4, 25, 2 }, w.shape);
        Assert.Equal(new float[] { 16, 17, 18, 19 }, w[0, 0, .., 3, 1].data<float>().ToArray());
        Assert.Equal(new float[] { 2, 3, 4, 5 }, w[1, 2, .., 0, 0].data<float>().ToArray());
        Assert.Throws<ArgumentException>(() => MotionPrediction.Cut(data, [0], [7], 4));
    }

    [Fact]
    public void The_decoder_adds_velocities_to_the_last_pose_and_starts_at_zero_velocity()
    {
        using var decoder = new MartinezDecoder(8, 150, 16, outputInitBound: 0, new Generator(3));
        var last = randn([4, 150], generator: new Generator(4));
        var y = decoder.call(randn([4, 8], generator: new Generator(5)), last, 5);
        Assert.Equal(new long[] { 4, 5, 150 }, y.shape);
        Assert.True(y.allclose(last.unsqueeze(1).expand(4, 5, 150)));                   // W = 0: every frame is the last pose
        using var martinez = new MartinezDecoder(8, 150, 16, outputInitBound: 0.04, new Generator(3));
        var moved = martinez.call(randn([4, 8], generator: new Generator(5)), last, 5);
        Assert.False(moved.allclose(last.unsqueeze(1).expand(4, 5, 150)));
    }

    [Fact]
    public void Without_training_the_model_is_exactly_the_zero_velocity_baseline()
    {
        using var train = Swinging(24, seed: 11);
        using var test = Swinging(12, seed: 12);
        using var encoder = SmokeGru(13);
        var r = MotionPrediction.Run(encoder, train, test, SkeletonStream.Joint, Smoke with { Iterations = 0 }, new Generator(14), CPU);
        Assert.Equal(10, r.PerFrame.Count);
        // Equal up to float rounding: the held frame passes through the standardisation and back.
        Assert.All(r.PerFrame.Zip(r.ZeroVelocityPerFrame), p => Assert.Equal(p.Second, p.First, 1e-3));
        Assert.Equal(r.ZeroVelocity, r.Mpjpe, 1e-3);
        Assert.True(r.ZeroVelocityPerFrame[9] > r.ZeroVelocityPerFrame[0], "holding the last pose drifts further from a moving truth");
        Assert.True(r.Mpjpe is > 5 and < 500, $"the sinusoids' zero-velocity error is tens of millimetres, got {r.Mpjpe} mm");
    }

    [Fact]
    public void A_still_body_is_predicted_perfectly_by_zero_velocity()
    {
        using var moving = Swinging(8, seed: 15);
        var still = moving.Data.narrow(2, 0, 1).expand(-1, -1, 30, -1, -1).contiguous();       // frame 0 held for all 30 frames
        using var test = new SkeletonDataset(still, moving.Labels, moving.Names, 1, [.. Enumerable.Repeat(30L, 8)]);
        using var encoder = SmokeGru(16);
        var r = MotionPrediction.Run(encoder, moving, test, SkeletonStream.Joint, Smoke with { Iterations = 0 }, new Generator(17), CPU);
        Assert.All(r.ZeroVelocityPerFrame, e => Assert.Equal(0.0, e, 6));
    }

    [Fact]
    public void Training_lowers_the_error_below_the_untrained_decoders()
    {
        using var train = Swinging(64, seed: 21);
        using var test = Swinging(24, seed: 22);
        using var encoder = SmokeGru(23);
        var r = MotionPrediction.Run(encoder, train, test, SkeletonStream.Joint, Smoke, new Generator(24), CPU);
        Assert.True(r.Mpjpe < 0.5 * r.ZeroVelocity, $"trained {r.Mpjpe:F1} mm vs untrained (zero-velocity) {r.ZeroVelocity:F1} mm");
        Assert.True(r.Losses[^1].Loss < r.Losses[0].Loss, $"loss {r.Losses[0].Loss} → {r.Losses[^1].Loss}");
    }

    [Fact]
    public void Same_seed_same_result_and_a_frozen_encoder_keeps_its_weights()
    {
        using var train = Swinging(24, seed: 31);
        using var test = Swinging(8, seed: 32);
        var config = Smoke with { Iterations = 8, FineTuneEncoder = false };
        using var a = SmokeGru(33);
        using var b = SmokeGru(33);
        var before = a.parameters().Select(p => p.detach().clone()).ToList();
        var ra = MotionPrediction.Run(a, train, test, SkeletonStream.Joint, config, new Generator(34), CPU);
        var rb = MotionPrediction.Run(b, train, test, SkeletonStream.Joint, config, new Generator(34), CPU);
        Assert.Equal(ra.PerFrame, rb.PerFrame);
        Assert.All(a.parameters().Zip(before), p => Assert.True(p.First.allclose(p.Second, 0, 0)));
        Assert.All(a.parameters(), p => Assert.True(p.requires_grad));
        using var c = SmokeGru(33);
        MotionPrediction.Run(c, train, test, SkeletonStream.Joint, config with { FineTuneEncoder = true }, new Generator(34), CPU);
        Assert.Contains(c.parameters().Zip(before), p => !p.First.allclose(p.Second, 0, 0));
    }

    [Fact]
    public void Clips_shorter_than_a_window_are_left_out_and_counted_and_none_long_enough_is_an_error()
    {
        using var train = Swinging(20, seed: 41, minFrames: 15);
        using var test = Swinging(10, seed: 42, minFrames: 15);
        using var encoder = SmokeGru(43);
        var r = MotionPrediction.Run(encoder, train, test, SkeletonStream.Joint, Smoke with { Iterations = 1 }, new Generator(44), CPU);
        Assert.Equal(train.Frames.Count(f => f < 20), r.ExcludedTrainClips);
        Assert.Equal(test.Frames.Count(f => f >= 20), r.TestClips);
        var e = Assert.Throws<ArgumentException>(() =>
            MotionPrediction.Run(encoder, train, test, SkeletonStream.Joint, Smoke with { SeedFrames = 40 }, new Generator(44), CPU));
        Assert.Contains("50 valid frames", e.Message);
    }

    [Fact]
    public void The_catalog_protocol_reports_mpjpe_per_horizon_the_zero_velocity_baseline_and_a_prediction_figure()
    {
        using var train = Swinging(32, seed: 51);
        using var test = Swinging(8, seed: 52);
        var descriptor = Catalog.Default.Protocol("motion-prediction");
        var options = new Dictionary<string, string> { ["recipe"] = "cmd" };
        var r = EncoderEvaluation.Run(_ => SmokeGru(53), SkeletonStream.Joint, train, test, descriptor, options, Profile.Smoke, 0, CPU);
        Assert.All(descriptor.Metrics, m => Assert.True(r.Metrics.ContainsKey(m), m));
        Assert.Equal(["mpjpe", "mpjpe-f2", "mpjpe-f4", "mpjpe-f8", "mpjpe-f10", "zero-velocity-mpjpe"], descriptor.Metrics);
        Assert.True(r.Metrics["mpjpe-f2"] < r.Metrics["mpjpe-f10"], "errors grow with the horizon");
        Assert.Equal(8, r.Metrics["test-clips"]);
        var panels = Assert.Single(r.Figures.OfType<SkeletonClipsData>());
        Assert.Equal(["true", "predicted", "zero-velocity"], panels.Panels.Select(p => p.Title));
        Assert.All(panels.Panels, p => Assert.Equal(3 * 20 * 25 * 2, p.Values.Count));      // 10 seed frames shown + 10 predicted
        Assert.NotNull(SkeletonSsl.Reporting.Charts.Of(panels));
        Assert.IsType<MotionPredictionConfig>(EncoderEvaluation.Config("motion-prediction", options, Profile.Smoke));
        var frozen = EvaluationProtocols.MotionPredictionSettings(new Dictionary<string, string> { ["encoder"] = "frozen" }, Profile.Paper);
        Assert.Equal((false, 50, 10, 1024, 16, 0.005, 5.0), (frozen.FineTuneEncoder, frozen.SeedFrames, frozen.PredictedFrames, frozen.DecoderHidden,
                                                           frozen.BatchSize, frozen.LearningRate, frozen.GradientClipNorm));
        Assert.Throws<ArgumentException>(() => EvaluationProtocols.MotionPredictionSettings(new Dictionary<string, string> { ["encoder"] = "thawed" }, Profile.Smoke));
    }
}
