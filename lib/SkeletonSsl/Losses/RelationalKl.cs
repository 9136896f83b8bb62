using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Losses;

/// <summary>
/// Relational knowledge distillation over a MoCo queue (PCM3 Eq. 3; CMD; spec/pcm3.md §6.6): the teacher's
/// similarity distribution over the K queue entries, p(t, τ_t) = softmax(tᵀQ / τ_t), is the target of the
/// student's, p(s, τ_s); the loss is KL(p_t ‖ p_s) averaged over the batch. Only the queue entries take part
/// (the positive logit is excluded), and the teacher side carries no gradient.
/// </summary>
public static class RelationalKl
{
    /// <summary>
    /// KL(t, s) = mean_n Σ_j p_t,j (log p_t,j − log p_s,j). teacher, student: (N, D), L2-normalised; queue: (D, K),
    /// a constant snapshot. The teacher is detached here, whatever its graph. Returns a scalar.
    /// </summary>
    public static Tensor Loss(Tensor teacher, Tensor student, Tensor queue, double teacherTemperature, double studentTemperature)
    {
        if (!(teacherTemperature > 0) || !(studentTemperature > 0))
            throw new ArgumentException($"temperatures must be positive, got teacher {teacherTemperature} and student {studentTemperature}");
        using var scope = NewDisposeScope();
        var teacherLog = nn.functional.log_softmax(teacher.detach().matmul(queue) / teacherTemperature, 1);   // log p(z', τ_k)
        var studentLog = nn.functional.log_softmax(student.matmul(queue) / studentTemperature, 1);            // log p(z, τ_q)
        // Σ_j p_t (log p_t − log p_s): Eq. 3's cross-entropy −p_t·log p_s plus the teacher's entropy, a constant.
        var kl = (teacherLog.exp() * (teacherLog - studentLog)).sum(1).mean();
        return kl.MoveToOuterDisposeScope();
    }
}
