using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders.Gru;

/// <summary>
/// One layer of <see cref="CausalBiGru"/>, both causal chains at once, as one autograd node with a
/// hand-written backward (the GRU cell of spec/pcm3.md §5.1, through time).
/// Inputs: x (T, N, I), time-major; per chain c ∈ {fwd, rev} W_ih (3H, I), b_ih (3H), W_hh (3H, H),
/// b_hh (3H) with gate rows r, z, n. Output: (T, N, 2, H), h_c(t) of chain c at step t, h(−1) = 0.
/// <para>
/// Why not step-by-step autograd: there the recurrent-weight gradient is T small products
/// accumulated one step at a time (each reading and writing the whole 3H × H gradient), and every
/// per-step slice of the input projections adds a zero tensor of their full size to the backward.
/// Here the input projections of both chains are one GEMM over all steps (the chains read the same
/// input), the backward recursion carries only the hidden-state gradient (one (N, 3H) × (3H, H)
/// product per chain and step) and writes the pre-activation gradients of all steps into one buffer,
/// and the weight gradients are then one product over all T·N rows per weight. The concatenated
/// weights are temporaries of the forward and of the backward, not kept in the graph.
/// </para>
/// </summary>
internal sealed class CausalGruLayer : autograd.MultiTensorFunction<CausalGruLayer>
{
    public override string Name => nameof(CausalGruLayer);

    /// <summary>
    /// The layer; with autograd on and an input that needs gradients, as a graph node.
    /// <paramref name="weights"/>: W_ih, b_ih, W_hh, b_hh of the fwd chain, then the same of the rev chain.
    /// </summary>
    public static Tensor Apply(Tensor x, IReadOnlyList<Tensor> weights)
    {
        if (weights.Count != 8) throw new ArgumentException($"expected 8 GRU weights (W_ih, b_ih, W_hh, b_hh of two chains), got {weights.Count}");
        bool record = is_grad_enabled() && (x.requires_grad || weights.Any(w => w.requires_grad));
        if (!record)
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            return Run(x, weights, saved: null).MoveToOuterDisposeScope();
        }
        return apply([x, .. weights])[0];
    }

    public override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var x = (Tensor)vars[0];
        var weights = vars.Skip(1).Cast<Tensor>().ToArray();
        ctx.save_data("x_requires_grad", x.requires_grad);
        var saved = new List<Tensor>();
        Tensor output;
        using (var scope = NewDisposeScope())
        {
            output = Run(x, weights, saved);
            scope.MoveToOuter([output, .. saved]);
        }
        // Saved: x, the two W_ih and the two W_hh, the output (h(t), also h(t−1) of step t + 1), then r‖z, n and
        // W_hn h + b_hn of each step; the caller's dispose scope keeps them until apply has stored them in the graph.
        saved.InsertRange(0, [x, weights[0], weights[4], weights[2], weights[6], output]);
        ctx.save_for_backward(saved);
        return [output];
    }

    private const int FirstStep = 6;

    /// <summary>
    /// The forward recursion (spec/pcm3.md §5.1, PyTorch's GRU cell): r, z = σ(W_i,rz x + b_i,rz + W_h,rz h + b_h,rz),
    /// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h = n + z ⊙ (h − n).
    /// With <paramref name="saved"/>, appends r‖z, n and W_hn h + b_hn of every step for the backward.
    /// </summary>
    private static Tensor Run(Tensor x, IReadOnlyList<Tensor> w, List<Tensor>? saved)
    {
        long t = x.shape[0], n = x.shape[1], h3 = w[0].shape[0], hidden = h3 / 3;
        // W_i x + b_i of both chains for all steps in one GEMM: (T·N, I) × (I, 2·3H) → (T, N, 2, 3H).
        var gi = nn.functional.linear(x.reshape(t * n, -1), cat([w[0], w[4]], 0), cat([w[1], w[5]], 0)).view(t, n, 2, h3);
        // (2, H, 3H), made contiguous once per call: the per-step bmm with a transposed view of W_hh as its right
        // operand ran 1.4-2x slower (libtorch's CPU bmm, batch 16, H = 1024).
        var wT = stack([w[2], w[6]], 0).transpose(1, 2).contiguous();
        var b = stack([w[3], w[7]], 0).unsqueeze(1);               // (2, 1, 3H)
        var output = empty(new[] { t, n, 2, hidden }, dtype: x.dtype, device: x.device);
        Tensor? h = null;
        for (long step = 0; step < t; step++)
        {
            using var stepScope = NewDisposeScope();
            var g = gi[step].transpose(0, 1);                      // (2, N, 3H), a view
            var gh = h is null ? b.expand(2, n, h3) : bmm(h, wT).add_(b);
            var rz = g.narrow(2, 0, 2 * hidden).add(gh.narrow(2, 0, 2 * hidden)).sigmoid_();
            var ghn = gh.narrow(2, 2 * hidden, hidden).contiguous();
            var nGate = (ghn * rz.narrow(2, 0, hidden)).add_(g.narrow(2, 2 * hidden, hidden)).tanh_();
            var next = h is null ? nGate.neg() : h - nGate;
            next.mul_(rz.narrow(2, hidden, hidden)).add_(nGate);
            output[step].copy_(next.transpose(0, 1));
            if (saved is not null)
            {
                saved.AddRange([rz, nGate, ghn]);
                stepScope.MoveToOuter(rz, nGate, ghn);
            }
            h?.Dispose();
            h = next.MoveToOuterDisposeScope();
        }
        return output;
    }

    /// <summary>
    /// Backward through time. With δ(t) = ∂L/∂h(t) (the output's gradient plus what step t + 1 sends back):
    /// ∂n = δ ⊙ (1 − z), ∂a_n = ∂n ⊙ (1 − n²) (the gradient of W_in x + b_in), ∂(W_hn h + b_hn) = ∂a_n ⊙ r,
    /// ∂a_r = ∂a_n ⊙ (W_hn h + b_hn) ⊙ r(1 − r), ∂a_z = δ ⊙ (h(t−1) − n) ⊙ z(1 − z), and
    /// δ(t−1) += δ ⊙ z + [∂a_r, ∂a_z, ∂a_n ⊙ r] W_hh. Then ∂W_hh = Σ_t [∂a_r, ∂a_z, ∂a_n ⊙ r]ᵀ h(t−1),
    /// ∂W_ih = Σ_t [∂a_r, ∂a_z, ∂a_n]ᵀ x(t), ∂x = [∂a_r, ∂a_z, ∂a_n] W_ih, and the biases the sums of the same rows.
    /// </summary>
    public override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> gradOutputs)
    {
        using var scope = NewDisposeScope();
        var saved = ctx.get_saved_variables();
        var (x, wIhF, wIhR, wHhF, wHhR, output) = (saved[0], saved[1], saved[2], saved[3], saved[4], saved[5]);
        var gradOut = gradOutputs[0];
        long t = output.shape[0], n = output.shape[1], hidden = output.shape[3];
        var (dtype, device) = (output.dtype, output.device);
        var wHh = stack([wHhF, wHhR], 0);                                               // (2, 3H, H)
        var gradGi = empty(new[] { t, n, 2, 3 * hidden }, dtype: dtype, device: device);   // [∂a_r, ∂a_z, ∂a_n]
        var gradGhn = empty(new[] { 2, t, n, hidden }, dtype: dtype, device: device);      // ∂a_n ⊙ r
        Tensor? delta = null;
        for (long step = t - 1; step >= 0; step--)
        {
            using var stepScope = NewDisposeScope();
            int k = FirstStep + 3 * (int)step;
            var (rz, nGate, ghn) = (saved[k], saved[k + 1], saved[k + 2]);
            var r = rz.narrow(2, 0, hidden);
            var z = rz.narrow(2, hidden, hidden);
            var g = gradOut[step].transpose(0, 1);
            if (delta is null) delta = g.clone().MoveToOuterDisposeScope();
            else delta.add_(g);
            var zDelta = z * delta;
            var gradN = (delta - zDelta).mul_(nGate.square().neg_().add_(1));           // ∂a_n
            var gradZ = step > 0 ? output[step - 1].transpose(0, 1) - nGate : nGate.neg();
            gradZ.mul_(delta);
            var gradRz = cat([gradN * ghn, gradZ], 2).mul_(rz * (1 - rz));              // [∂a_r, ∂a_z]
            var gradHn = gradN * r;
            var slot = gradGi[step].transpose(0, 1);
            slot.narrow(2, 0, 2 * hidden).copy_(gradRz);
            slot.narrow(2, 2 * hidden, hidden).copy_(gradN);
            gradGhn.select(1, step).copy_(gradHn);
            delta.Dispose();
            delta = bmm(cat([gradRz, gradHn], 2), wHh).add_(zDelta).MoveToOuterDisposeScope();
        }
        var rows = gradGi.view(t * n, 2, 3 * hidden);
        var x2 = x.reshape(t * n, -1);
        var grads = new List<Tensor>(9);
        grads.Add((bool)ctx.get_data("x_requires_grad")
            ? rows.view(t * n, 6 * hidden).mm(cat([wIhF, wIhR], 0)).view(x.shape)
            : null!);
        var hRows = t > 1 ? output.narrow(0, 0, t - 1).view((t - 1) * n, 2, hidden) : null;   // h(t−1) for t ≥ 1
        for (int c = 0; c < 2; c++)
        {
            var chain = rows.select(1, c);                                               // (T·N, 3H)
            var chainHn = gradGhn[c].view(t * n, hidden);
            var gradWhh = zeros(3 * hidden, hidden, dtype: dtype, device: device);
            if (hRows is not null)
            {
                // h(−1) = 0, so step 0 adds nothing to ∂W_hh.
                var hPrev = hRows.select(1, c);
                gradWhh.narrow(0, 0, 2 * hidden).copy_(chain.narrow(0, n, (t - 1) * n).narrow(1, 0, 2 * hidden).t().mm(hPrev));
                gradWhh.narrow(0, 2 * hidden, hidden).copy_(chainHn.narrow(0, n, (t - 1) * n).t().mm(hPrev));
            }
            var gradBhh = cat([chain.narrow(1, 0, 2 * hidden).sum([0L]), chainHn.sum([0L])], 0);
            grads.AddRange([chain.t().mm(x2), chain.sum([0L]), gradWhh, gradBhh]);
        }
        scope.MoveToOuter(grads.Where(g => g is not null));
        return grads;
    }
}
