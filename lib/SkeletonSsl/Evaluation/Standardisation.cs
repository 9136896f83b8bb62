using SkeletonSsl.Data;
using SkeletonSsl.Encoders.Gru;
using static TorchSharp.torch;

namespace SkeletonSsl.Evaluation;

/// <summary>
/// Per-value standardisation of flat frames (V·C·M values in the 6v + 2c + m layout), as Martinez et al. normalise
/// their data for motion prediction: μ and σ of each value over the valid frames of the training clips, σ &lt; 1e-4
/// replaced by 1 (<see cref="MotionPrediction.MinimumDeviation"/>). The identity when disabled.
/// </summary>
internal sealed class Standardisation : IDisposable
{
    private readonly Tensor _mean, _std;     // (F) float32 on the device

    private Standardisation(Tensor mean, Tensor std)
    {
        _mean = mean;
        _std = std;
    }

    /// <summary>(…, F) → (x − μ) / σ.</summary>
    public Tensor Apply(Tensor x) => (x - _mean) / _std;

    /// <summary>(…, F) → y · σ + μ.</summary>
    public Tensor Restore(Tensor y) => y * _std + _mean;

    /// <summary>The statistics of the given training clips' valid frames (in chunks of 256 clips), or the identity.</summary>
    public static Standardisation Of(SkeletonDataset train, long[] clips, bool enabled, Device device)
    {
        long f = train.Data.shape[1] * train.Data.shape[3] * train.Data.shape[4], t = train.Data.shape[2];
        if (!enabled) return new Standardisation(zeros(f, device: device).DetachFromDisposeScope(), ones(f, device: device).DetachFromDisposeScope());
        using var scope = NewDisposeScope();
        var sum = zeros(f, dtype: ScalarType.Float64);
        var squares = zeros(f, dtype: ScalarType.Float64);
        double count = 0;
        for (int from = 0; from < clips.Length; from += 256)
        {
            using var chunk = NewDisposeScope();
            var rows = clips[from..Math.Min(clips.Length, from + 256)];
            var seq = GruEncoder.ToSequence(train.Data.index_select(0, tensor(rows))).to(ScalarType.Float64);        // (n, T, F)
            var frames = tensor(rows.Select(r => train.Frames[r]).ToArray()).unsqueeze(1);
            var valid = (arange(t, dtype: ScalarType.Int64).unsqueeze(0) < frames).to(ScalarType.Float64).unsqueeze(2); // (n, T, 1)
            sum.add_((seq * valid).sum([0, 1]));
            squares.add_((seq.square() * valid).sum([0, 1]));
            count += valid.sum().item<double>();
        }
        var mean = sum / count;
        var std = (squares / count - mean.square()).clamp_min(0).sqrt();
        std = where(std < MotionPrediction.MinimumDeviation, ones_like(std), std);
        return new Standardisation(mean.to(ScalarType.Float32).to(device).DetachFromDisposeScope(), std.to(ScalarType.Float32).to(device).DetachFromDisposeScope());
    }

    public void Dispose()
    {
        _mean.Dispose();
        _std.Dispose();
    }
}
