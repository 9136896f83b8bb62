using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Encoders.Gru;

/// <summary>
/// The recurrent half of one layer of <see cref="CausalBiGru"/>, both chains at once, as one autograd
/// node with a hand-written backward (the backward of the GRU cell of spec/pcm3.md §5.1, through time).
/// Inputs: <c>gi</c> (T, N, 2, 3H), the input projections W_i x + b_i of both chains for every step
/// (gate order r, z, n); <c>wHh</c> (2, 3H, H) and <c>bHh</c> (2, 3H), the recurrent weights of both
/// chains. Output: (T, N, 2, H), h_c(t) of chain c at step t, with h(−1) = 0.
/// <para>
/// Why not step-by-step autograd: there the recurrent-weight gradient is T small products
/// accumulated one step at a time (each reading and writing the whole 3H × H gradient), and every
/// per-step slice of gi adds a gi-sized zero tensor to the backward. Here the backward recursion
/// only carries the hidden-state gradient (one (N, 3H) × (3H, H) product per chain and step) and
/// writes the pre-activation gradients of all steps into one buffer; the weight and bias gradients
/// are then one (3H × T·N) × (T·N × H) product and one sum per chain.
/// </para>
/// </summary>
internal sealed class CausalGruRecurrence : autograd.MultiTensorFunction<CausalGruRecurrence>
{
    public override string Name => nameof(CausalGruRecurrence);

    /// <summary>Runs the recurrence; with autograd on and a parameter that needs gradients, as a graph node.</summary>
    public static Tensor Apply(Tensor gi, Tensor wHh, Tensor bHh)
    {
        bool record = is_grad_enabled() && (gi.requires_grad || wHh.requires_grad || bHh.requires_grad);
        if (!record)
        {
            using var _ = no_grad();
            return Run(gi, wHh, bHh, saved: null);
        }
        return apply(gi, wHh, bHh)[0];
    }

    public override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (gi, wHh, bHh) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2]);
        var saved = new List<Tensor>();
        var output = Run(gi, wHh, bHh, saved);
        // Saved: the weights, the output (h(t), also h(t−1) of the next step), then r‖z, n and W_hn h + b_hn of each step.
        // They stay alive in the caller's dispose scope until apply has stored them in the graph.
        saved.InsertRange(0, [wHh, output]);
        ctx.save_for_backward(saved);
        return [output];
    }

    /// <summary>
    /// The forward recursion (spec/pcm3.md §5.1, PyTorch's GRU cell): r, z = σ(gi_rz + W_h,rz h + b_h,rz),
    /// n = tanh(gi_n + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h = n + z ⊙ (h − n).
    /// With <paramref name="saved"/>, appends r‖z, n and W_hn h + b_hn of every step for the backward.
    /// </summary>
    private static Tensor Run(Tensor gi, Tensor wHh, Tensor bHh, List<Tensor>? saved)
    {
        long t = gi.shape[0], n = gi.shape[1], h3 = gi.shape[3], hidden = h3 / 3;
        var output = empty(new[] { t, n, 2, hidden }, dtype: gi.dtype, device: gi.device);
        using (var scope = NewDisposeScope())
        {
            var wT = wHh.transpose(1, 2);                    // (2, H, 3H)
            var b = bHh.unsqueeze(1);                         // (2, 1, 3H)
            Tensor? h = null;
            for (long step = 0; step < t; step++)
            {
                var g = gi[step].transpose(0, 1);             // (2, N, 3H), a view
                var gh = h is null ? b.expand(2, n, h3) : bmm(h, wT).add_(b);
                var rz = g.narrow(2, 0, 2 * hidden).add(gh.narrow(2, 0, 2 * hidden)).sigmoid_();
                var ghn = gh.narrow(2, 2 * hidden, hidden).contiguous();
                var nGate = (ghn * rz.narrow(2, 0, hidden)).add_(g.narrow(2, 2 * hidden, hidden)).tanh_();
                var next = h is null ? nGate.neg() : h - nGate;
                next.mul_(rz.narrow(2, hidden, hidden)).add_(nGate);
                output[step].copy_(next.transpose(0, 1));
                saved?.AddRange([rz, nGate, ghn]);
                h = next;
            }
            if (saved is not null) scope.MoveToOuter(saved);
        }
        return output;
    }

    /// <summary>
    /// Backward through time. With δ(t) = ∂L/∂h(t) (the output's gradient plus what step t + 1 sends back):
    /// ∂n = δ ⊙ (1 − z), ∂a_n = ∂n ⊙ (1 − n²) (the gradient of gi_n), ∂(W_hn h + b_hn) = ∂a_n ⊙ r,
    /// ∂a_r = ∂a_n ⊙ (W_hn h + b_hn) ⊙ r(1 − r), ∂a_z = δ ⊙ (h(t−1) − n) ⊙ z(1 − z), and
    /// δ(t−1) += δ ⊙ z + [∂a_r, ∂a_z, ∂a_n ⊙ r] W_hh.
    /// </summary>
    public override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> gradOutputs)
    {
        using var scope = NewDisposeScope();
        var saved = ctx.get_saved_variables();
        var (wHh, output) = (saved[0], saved[1]);
        var gradOut = gradOutputs[0];
        long t = output.shape[0], n = output.shape[1], hidden = output.shape[3];
        var gradGi = empty(new[] { t, n, 2, 3 * hidden }, dtype: output.dtype, device: output.device);
        var gradGhn = empty(new[] { 2, t, n, hidden }, dtype: output.dtype, device: output.device);
        Tensor? delta = null;
        for (long step = t - 1; step >= 0; step--)
        {
            var (rz, nGate, ghn) = (saved[2 + 3 * (int)step], saved[3 + 3 * (int)step], saved[4 + 3 * (int)step]);
            var r = rz.narrow(2, 0, hidden);
            var z = rz.narrow(2, hidden, hidden);
            var g = gradOut[step].transpose(0, 1);
            delta = delta is null ? g.clone() : delta.add_(g);
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
            delta = bmm(cat([gradRz, gradHn], 2), wHh).add_(zDelta);
        }
        // ∂W_hh = Σ_t [∂a_r, ∂a_z, ∂a_n ⊙ r](t)ᵀ h(t−1) (h(−1) = 0, so step 0 adds nothing); ∂b_hh = Σ_t the same rows.
        var gradW = empty(new[] { 2, 3 * hidden, hidden }, dtype: output.dtype, device: output.device);
        var gradB = empty(new[] { 2, 3 * hidden }, dtype: output.dtype, device: output.device);
        for (int c = 0; c < 2; c++)
        {
            var chainGi = gradGi.select(2, c);                                           // (T, N, 3H)
            var chainHn = gradGhn[c];                                                    // (T, N, H)
            if (t > 1)
            {
                var hPrev = output.narrow(0, 0, t - 1).select(2, c).reshape(-1, hidden);    // ((T−1)·N, H)
                var rzRows = chainGi.narrow(0, 1, t - 1).narrow(2, 0, 2 * hidden).reshape(-1, 2 * hidden);
                gradW[c].narrow(0, 0, 2 * hidden).copy_(rzRows.t().mm(hPrev));
                gradW[c].narrow(0, 2 * hidden, hidden).copy_(chainHn.narrow(0, 1, t - 1).reshape(-1, hidden).t().mm(hPrev));
            }
            else
            {
                gradW[c].zero_();
            }
            gradB[c].narrow(0, 0, 2 * hidden).copy_(chainGi.narrow(2, 0, 2 * hidden).sum([0, 1]));
            gradB[c].narrow(0, 2 * hidden, hidden).copy_(chainHn.sum([0, 1]));
        }
        var grads = new List<Tensor> { gradGi, gradW, gradB };
        scope.MoveToOuter(grads);
        return grads;
    }
}
