namespace SkeletonSsl.Methods;

/// <summary>
/// PCM3's own settings on top of MoCo (spec/pcm3.md §6; paper §3-4). Defaults are the paper's full model:
/// the four positive pairs of Eq. 5, the relational KL of Eq. 3, both prompt kinds of §3.4, the topology mask
/// of ratio 0.6 (§4.4, Table 10), λ_m = 40 and λ_kl = 1 (Eq. 7), τ_t = 0.05 and τ_s = 0.1 (Eq. 3), r = 128
/// per direction half (§4.2). The switches are the ablations of Tables 8-10; the masked prediction loss L_m
/// (Eq. 4) stays on whatever the positives (Table 8 varies the positives and L_KL only).
/// </summary>
public sealed record Pcm3Settings
{
    /// <summary>s_intra (Table 8): the query of the intra view v1 against the key k (Eq. 1).</summary>
    public bool IntraView { get; init; } = true;

    /// <summary>s_inter (Table 8): the SkeleMix-style mixed view against the mixed key (Eq. 2; spec §6.2).</summary>
    public bool InterView { get; init; } = true;

    /// <summary>s_mask (Table 8): the masked view's last-step feature against k (spec §6.5 step 6).</summary>
    public bool MaskView { get; init; } = true;

    /// <summary>s_predict (Table 8): the recovered view against k (spec §6.5 step 7).</summary>
    public bool PredictView { get; init; } = true;

    /// <summary>L_KL (Eq. 3; spec §6.6), one term per enabled positive.</summary>
    public bool RelationalKl { get; init; } = true;

    /// <summary>Input-wise prompts p_intra, p_inter, p_mask, p_predict (Eq. 6; spec §6.3).</summary>
    public bool DomainPrompts { get; init; } = true;

    /// <summary>Feature-wise prompts p_cl, p_mp (§3.4 "Task-Specific Prompt"; spec §6.3).</summary>
    public bool TaskPrompts { get; init; } = true;

    /// <summary>Fraction masked (Table 10: 0.2, 0.4, 0.6, 0.8): body parts per clip = int(5·ratio) for the topology mask,
    /// the joint fraction for the random mask.</summary>
    public double MaskRatio { get; init; } = 0.6;

    /// <summary>Topology-based (the paper's) or random masking (Table 10).</summary>
    public Pcm3Masking Masking { get; init; } = Pcm3Masking.Topology;

    /// <summary>The predicted view's contrastive gradient reaches the decoder (paper §3.3 "High-Level Semantic Guidance",
    /// §4.4: 80.5 with vs 80.0 without); false detaches the recovered view as a whole.</summary>
    public bool ContrastGradientToDecoder { get; init; } = true;

    /// <summary>λ_kl of Eq. 7.</summary>
    public double KlWeight { get; init; } = 1.0;

    /// <summary>λ_m of Eq. 7.</summary>
    public double PredictionWeight { get; init; } = 40;

    /// <summary>τ_k of Eq. 3 (the key / teacher side).</summary>
    public double TeacherTemperature { get; init; } = 0.05;

    /// <summary>τ_q of Eq. 3 (the query / student side).</summary>
    public double StudentTemperature { get; init; } = 0.1;

    /// <summary>r, the task prompt's window per direction half of the feature (the prompt holds 2r values; §4.2: 128).</summary>
    public int PromptWidth { get; init; } = 128;

    /// <summary>
    /// Bone and motion streams use the released code's no-prompt variant (spec §6.7, §11.5): no prompts, L_KL computed
    /// and logged but not added, the recovered view detached as a whole. The paper is silent; the authors' note says
    /// so ("for training stability"). False trains every stream like the joint stream.
    /// </summary>
    public bool PromptFreeSecondaryStreams { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (!(MaskRatio > 0 && MaskRatio < 1))
            throw new ArgumentException($"Pcm3Settings.MaskRatio = {MaskRatio}: expected a fraction in (0, 1)");
        if (Masking == Pcm3Masking.Topology && (int)(5 * MaskRatio) < 1)
            throw new ArgumentException($"Pcm3Settings.MaskRatio = {MaskRatio}: the topology mask masks int(5·ratio) of 5 body parts, expected a ratio of at least 0.2");
        if (!Enum.IsDefined(Masking))
            throw new ArgumentException($"Pcm3Settings.Masking = {Masking}: expected Topology or Random");
        // All positives off is Table 7's "Masked Prediction" variant (L_m alone); with L_m off as well nothing would train.
        if (!IntraView && !InterView && !MaskView && !PredictView && PredictionWeight == 0)
            throw new ArgumentException("Pcm3Settings: IntraView, InterView, MaskView and PredictView are all off and PredictionWeight is 0: " +
                                        "expected at least one positive pair or the masked prediction");
        if (!(KlWeight >= 0)) throw new ArgumentException($"Pcm3Settings.KlWeight = {KlWeight}: expected 0 or more");
        if (!(PredictionWeight >= 0)) throw new ArgumentException($"Pcm3Settings.PredictionWeight = {PredictionWeight}: expected 0 or more");
        if (!(TeacherTemperature > 0)) throw new ArgumentException($"Pcm3Settings.TeacherTemperature = {TeacherTemperature}: expected a positive temperature");
        if (!(StudentTemperature > 0)) throw new ArgumentException($"Pcm3Settings.StudentTemperature = {StudentTemperature}: expected a positive temperature");
        if (PromptWidth < 1) throw new ArgumentException($"Pcm3Settings.PromptWidth = {PromptWidth}: expected a positive width");
    }
}
