using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Methods.Shared;

/// <summary>
/// The momentum (key) encoder of MoCo v2 (AimCLR Eq. 2; spec/aimclr.md §4). Only parameters
/// follow the EMA; the key encoder keeps its own BatchNorm running statistics. Its parameters are
/// frozen (no gradient), so an optimiser given them would skip them anyway.
/// </summary>
public static class MomentumEncoder
{
    /// <summary>
    /// Prepares <paramref name="key"/> (same architecture as <paramref name="query"/>): copies θ_q
    /// into θ_k for <see cref="KeyEncoderInit.CopyOfQuery"/>, keeps its own random init for
    /// <see cref="KeyEncoderInit.IndependentInit"/>, and freezes θ_k in both cases.
    /// </summary>
    public static void Initialise(nn.Module query, nn.Module key, KeyEncoderInit init)
    {
        var pairs = Pairs(query, key);
        using var _ = no_grad();
        foreach (var (q, k) in pairs)
        {
            if (init == KeyEncoderInit.CopyOfQuery) k.copy_(q);
            k.requires_grad = false;
        }
    }

    /// <summary>Eq. 2: θ_k ← m·θ_k + (1 − m)·θ_q, parameter by parameter, without gradient.</summary>
    public static void Update(nn.Module query, nn.Module key, double momentum)
    {
        if (momentum is < 0 or > 1) throw new ArgumentException($"momentum must lie in [0, 1], got {momentum}", nameof(momentum));
        using var _ = no_grad();
        foreach (var (q, k) in Pairs(query, key))
            k.mul_(momentum).add_(q.detach(), alpha: 1 - momentum);
    }

    private static List<(TorchSharp.Modules.Parameter Query, TorchSharp.Modules.Parameter Key)> Pairs(nn.Module query, nn.Module key)
    {
        var qs = query.named_parameters().ToList();
        var ks = key.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        if (qs.Count != ks.Count)
            throw new ArgumentException($"query and key encoders differ: {qs.Count} vs {ks.Count} parameters");
        var pairs = new List<(TorchSharp.Modules.Parameter, TorchSharp.Modules.Parameter)>(qs.Count);
        foreach (var (name, q) in qs)
        {
            if (!ks.TryGetValue(name, out var k) || !k.shape.SequenceEqual(q.shape))
                throw new ArgumentException($"key encoder lacks a parameter '{name}' shaped like the query's ({string.Join("×", q.shape)})");
            pairs.Add((q, k));
        }
        return pairs;
    }
}
