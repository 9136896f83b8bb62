using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Encoders.StGcn;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders;

/// <summary>
/// Reads an encoder's architecture off the tensor shapes of its state dict (keys already stripped
/// of any <c>encoder_q.</c>/<c>module.</c> prefix), so that a checkpoint can be used without restating
/// its widths. What shapes cannot show (ST-GCN strides, temporal kernel, dropout) comes from
/// <paramref name="baseline"/>.
/// </summary>
public static class EncoderCheckpointShapes
{
    /// <summary>
    /// ST-GCN: block widths from <c>st_gcn_networks.{i}.tcn.2.weight</c>, residual kinds from the
    /// presence of <c>residual.0.weight</c>, edge importance from its keys, the head from <c>fc.*</c>.
    /// </summary>
    public static StGcnConfig InferStGcn(IReadOnlyDictionary<string, Tensor> stateDict, StGcnConfig? baseline = null)
    {
        baseline ??= StGcnConfig.AimClr;
        var widths = new List<int>();
        var residuals = new List<StGcnResidual>();
        for (int i = 0; stateDict.TryGetValue($"st_gcn_networks.{i}.tcn.2.weight", out var w); i++)
        {
            widths.Add(Dim(w, 0, $"st_gcn_networks.{i}.tcn.2.weight"));
            residuals.Add(stateDict.ContainsKey($"st_gcn_networks.{i}.residual.0.weight") ? StGcnResidual.Projection
                : i == 0 ? StGcnResidual.None : StGcnResidual.Identity);
        }
        if (widths.Count == 0)
            throw new ArgumentException("not an ST-GCN state dict: no 'st_gcn_networks.0.tcn.2.weight' (pass the key prefix, e.g. encoder_q.)");
        int inChannels = stateDict.TryGetValue("st_gcn_networks.0.gcn.conv.weight", out var g) ? Dim(g, 1, "st_gcn_networks.0.gcn.conv.weight") : baseline.InChannels;
        int kernel = stateDict.TryGetValue("st_gcn_networks.0.tcn.2.weight", out var t) ? Dim(t, 2, "st_gcn_networks.0.tcn.2.weight") : baseline.TemporalKernel;
        var strides = baseline.Strides.Count == widths.Count ? baseline.Strides
            : throw new ArgumentException($"the checkpoint has {widths.Count} ST-GCN blocks but {baseline.Strides.Count} strides are configured: give the strides");
        var (mlp, output) = Head(stateDict, baseline.MlpHead, baseline.HeadOutput);
        return baseline with
        {
            InChannels = inChannels, Widths = widths, Strides = strides, Residuals = residuals, TemporalKernel = kernel,
            EdgeImportance = stateDict.ContainsKey("edge_importance.0"), MlpHead = mlp, HeadOutput = output,
        };
    }

    /// <summary>GRU: hidden size and layer count from <c>encoder.gru.weight_hh_l{l}</c>, input size from layer 0, the head from <c>fc.*</c>.</summary>
    public static GruEncoderConfig InferGru(IReadOnlyDictionary<string, Tensor> stateDict, GruEncoderConfig? baseline = null)
    {
        baseline ??= GruEncoderConfig.Cmd;
        if (!stateDict.TryGetValue("encoder.gru.weight_hh_l0", out var hh) || !stateDict.TryGetValue("encoder.gru.weight_ih_l0", out var ih))
            throw new ArgumentException("not a GRU-encoder state dict: no 'encoder.gru.weight_hh_l0' (pass the key prefix, e.g. encoder_q.)");
        int layers = 0;
        while (stateDict.ContainsKey($"encoder.gru.weight_hh_l{layers}")) layers++;
        var (mlp, output) = Head(stateDict, baseline.MlpHead, baseline.HeadOutput);
        return baseline with { Hidden = Dim(hh, 1, "encoder.gru.weight_hh_l0"), Layers = layers, InputSize = Dim(ih, 1, "encoder.gru.weight_ih_l0"), MlpHead = mlp, HeadOutput = output };
    }

    private static (bool Mlp, int Output) Head(IReadOnlyDictionary<string, Tensor> sd, bool mlp, int output) =>
        sd.TryGetValue("fc.2.weight", out var f2) ? (true, Dim(f2, 0, "fc.2.weight"))
        : sd.TryGetValue("fc.weight", out var f) ? (false, Dim(f, 0, "fc.weight"))
        : (mlp, output);

    /// <summary>A width read off a tensor's shape; a tensor of the wrong rank or an empty width is an ArgumentException naming the key.</summary>
    private static int Dim(Tensor t, int axis, string key) =>
        t.dim() > axis && t.shape[axis] is > 0 and <= int.MaxValue ? (int)t.shape[axis]
            : throw new ArgumentException($"'{key}' has shape [{string.Join(", ", t.shape)}]: expected at least {axis + 1} dimensions with a positive size at dimension {axis}");
}
