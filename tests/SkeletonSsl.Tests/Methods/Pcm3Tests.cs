using SkeletonSsl.Augmentations;
using SkeletonSsl.Augmentations.Masks;
using SkeletonSsl.Data;
using SkeletonSsl.Experiments;
using SkeletonSsl.Methods;
using SkeletonSsl.Methods.Shared;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Methods;

/// <summary>
/// PCM3 (spec/pcm3.md §6) on the Smoke sizes: the gradient routing of §6.7 term by term, the no-prompt variant of the
/// bone and motion streams, the batch-shared person-0 mask, learning, the state-dict round trip and the Table 8-10
/// switches.
/// </summary>
[Collection(SkeletonSsl.Tests.Training.GlobalRngCollection.Name)]
public sealed class Pcm3Tests
{
    private const int BatchSize = 8;

    private static StepContext Context(ulong seed = 5) => new(1, 0, 0, 0.02, CPU, new Generator(seed));

    private static PretrainBatch Batch() => TestViews.Batch(BatchSize, frames: 40);

    private static Pcm3 Build(Pcm3Config? config = null, SkeletonStream stream = SkeletonStream.Joint, long seed = 1)
    {
        NativeRuntime.EnsureInitialised();
        torch.manual_seed(seed);
        var smoke = (Pcm3Config)(config ?? Pcm3Config.Paper).For(Profile.Smoke);
        smoke.Validate();
        var method = (Pcm3)smoke.Create(stream, new Generator((ulong)seed));
        method.Module.train();
        return method;
    }

    /// <summary>The parameter groups of §6.7: encoder body, head, each prompt, decoder (and the key encoder, never reached).</summary>
    private static Dictionary<string, List<TorchSharp.Modules.Parameter>> Groups(Pcm3 method)
    {
        var groups = new Dictionary<string, List<TorchSharp.Modules.Parameter>>
        {
            ["body"] = [.. method.Encoder.named_parameters().Where(p => !p.name.StartsWith("fc.", StringComparison.Ordinal)).Select(p => p.parameter)],
            ["head"] = [.. method.Encoder.named_parameters().Where(p => p.name.StartsWith("fc.", StringComparison.Ordinal)).Select(p => p.parameter)],
            ["decoder"] = [.. method.Decoder.parameters()],
            ["key"] = [.. method.named_children().Single(c => c.name == "encoder_k").module.parameters()],
        };
        foreach (var (name, p) in method.Prompts) groups[name] = [p];
        return groups;
    }

    /// <summary>Back-propagates each logged term alone and returns, per term, the groups with a non-zero gradient.</summary>
    private static Dictionary<string, HashSet<string>> Reached(Pcm3 method)
    {
        var groups = Groups(method);
        var (_, terms) = method.Forward(Batch(), Context());
        var reached = new Dictionary<string, HashSet<string>>();
        foreach (var (term, value) in terms)
        {
            foreach (var p in groups.Values.SelectMany(g => g)) p.grad?.zero_();
            value.backward(retain_graph: true);
            reached[term] = [.. groups.Where(g => g.Value.Any(p => p.grad is { } grad && grad.abs().sum().item<float>() > 0)).Select(g => g.Key)];
        }
        return reached;
    }

    private static void AssertReaches(Dictionary<string, HashSet<string>> reached, string term, params string[] expected) =>
        Assert.True(reached[term].SetEquals(expected),
            $"{term} reaches {{{string.Join(", ", reached[term].Order())}}}, expected {{{string.Join(", ", expected.Order())}}}");

    [Fact]
    public void Each_term_reaches_the_parameters_of_the_gradient_table()
    {
        var reached = Reached(Build());
        // spec §6.7, row by row; L_KL's terms reach what their contrastive pair reaches (all but p_mp).
        AssertReaches(reached, "masked_prediction", "body", "mask_prompt", "mp_prompt", "decoder");
        AssertReaches(reached, "info_nce_predict", "body", "head", "cl_prompt", "recons_prompt", "decoder");
        AssertReaches(reached, "kl_predict", "body", "head", "cl_prompt", "recons_prompt", "decoder");
        AssertReaches(reached, "info_nce_mask", "body", "head", "cl_prompt", "mask_prompt");
        AssertReaches(reached, "kl_mask", "body", "head", "cl_prompt", "mask_prompt");
        AssertReaches(reached, "info_nce_intra", "body", "head", "cl_prompt", "base_prompt");
        AssertReaches(reached, "kl_intra", "body", "head", "cl_prompt", "base_prompt");
        AssertReaches(reached, "info_nce_inter", "body", "head", "cl_prompt", "mix_prompt");
        AssertReaches(reached, "kl_inter", "body", "head", "cl_prompt", "mix_prompt");
    }

    [Fact]
    public void Without_the_contrastive_gradient_to_the_decoder_the_predicted_view_trains_the_encoder_only()
    {
        var reached = Reached(Build(Pcm3Config.Paper with { Settings = Pcm3Config.Paper.Settings with { ContrastGradientToDecoder = false } }));
        AssertReaches(reached, "info_nce_predict", "body", "head", "cl_prompt", "recons_prompt");
        AssertReaches(reached, "masked_prediction", "body", "mask_prompt", "mp_prompt", "decoder");
    }

    [Theory]
    [InlineData(SkeletonStream.Bone)]
    [InlineData(SkeletonStream.Motion)]
    public void Bone_and_motion_train_without_prompts_without_kl_in_the_loss_and_without_contrast_into_the_decoder(SkeletonStream stream)
    {
        var method = Build(stream: stream);
        Assert.True(method.PromptFree);
        Assert.Empty(method.Prompts);
        Assert.DoesNotContain(method.state_dict().Keys, k => k.EndsWith("_prompt", StringComparison.Ordinal));

        var (loss, terms) = method.Forward(Batch(), Context());
        var values = terms.ToDictionary(t => t.Key, t => t.Value.item<float>());
        Assert.Contains("kl_intra", values.Keys);                                        // computed and logged ...
        var withoutKl = values.Where(t => t.Key.StartsWith("info_nce_", StringComparison.Ordinal)).Sum(t => t.Value) + 40 * values["masked_prediction"];
        Assert.Equal(withoutKl, loss.item<float>(), 3);                                  // ... but not added (§6.7)
        Assert.True(values.Where(t => t.Key.StartsWith("kl_", StringComparison.Ordinal)).Sum(t => t.Value) > 1e-4);

        var reached = Reached(Build(stream: stream));
        AssertReaches(reached, "info_nce_predict", "body", "head");
        AssertReaches(reached, "masked_prediction", "body", "decoder");
    }

    [Fact]
    public void The_joint_stream_adds_the_kl_terms_and_forty_times_the_masked_prediction()
    {
        var (loss, terms) = Build().Forward(Batch(), Context());
        var values = terms.ToDictionary(t => t.Key, t => t.Value.item<float>());
        Assert.Equal(values.Where(t => t.Key != "masked_prediction").Sum(t => t.Value) + 40 * values["masked_prediction"], loss.item<float>(), 3);
    }

    [Fact]
    public void Without_the_option_bone_trains_like_the_joint_stream()
    {
        var method = Build(Pcm3Config.Paper with { Settings = Pcm3Config.Paper.Settings with { PromptFreeSecondaryStreams = false } }, SkeletonStream.Bone);
        Assert.False(method.PromptFree);
        Assert.Equal(6, method.Prompts.Count);
    }

    [Fact]
    public void The_topology_mask_is_shared_by_the_batch_hides_only_person_zero_and_three_of_five_parts_per_clip()
    {
        var method = Build();
        Assert.IsType<TopologyMask>(method.Masking);
        using var x = randn([BatchSize, 3, 64, 25, 2], generator: new Generator(3));
        using var result = method.Masking.Mask(ClipBatch.Full(x), new Generator(4));
        var keep = result.Mask;
        Assert.True(keep.eq(keep[0].unsqueeze(0)).all().item<bool>(), "the mask differs between samples of the batch");
        Assert.True(keep.select(4, 1).eq(1).all().item<bool>(), "person 1 is masked");
        Assert.True(result.Masked.eq(x * keep).all().item<bool>());
        // 8 clips of 8 frames, each hiding 3 whole parts of person 0: 12-17 of 25 joints, constant within a clip.
        var hiddenJoints = (1 - keep[0, 0, .., .., 0]).sum(1);                          // (T)
        var perClip = hiddenJoints.view(8, 8);
        Assert.True(perClip.eq(perClip[.., 0..1]).all().item<bool>());
        Assert.True(hiddenJoints.ge(12).all().item<bool>() && hiddenJoints.le(17).all().item<bool>(), $"hidden joints {hiddenJoints}");
    }

    [Fact]
    public void Random_masking_hides_the_ratio_of_person_zeros_joints_shared_by_the_batch()
    {
        var method = Build(Pcm3Config.Paper with { Masking = Pcm3Masking.Random, MaskRatio = 0.4 });
        Assert.IsType<RandomJointMask>(method.Masking);
        using var x = randn([BatchSize, 3, 64, 25, 2], generator: new Generator(3));
        using var result = method.Masking.Mask(ClipBatch.Full(x), new Generator(4));
        var keep = result.Mask;
        Assert.True(keep.eq(keep[0].unsqueeze(0)).all().item<bool>());
        Assert.True(keep.select(4, 1).eq(1).all().item<bool>());
        Assert.Equal(Math.Round(0.4 * 64 * 25), (1 - keep[0, 0, .., .., 0]).sum().item<float>());
    }

    [Theory]
    [InlineData("paper")]
    [InlineData("table7-masked-prediction")]
    public void Its_loss_falls_over_a_few_steps_on_one_batch(string variant)
    {
        var method = Build(Variant(variant));
        using var optimizer = optim.SGD(method.TrainableParameters().Where(p => p.requires_grad).ToList(), 0.05, momentum: 0.9);
        var batch = Batch();
        var generator = new Generator(11);
        var losses = new List<float>();
        for (int step = 0; step < 12; step++)
        {
            using var scope = NewDisposeScope();
            var output = method.Step(batch, new StepContext(1, step, step, 0.05, CPU, generator));
            losses.Add(output.Terms.Single(t => t.Key == "masked_prediction").Value.item<float>());
            optimizer.zero_grad();
            output.Loss.backward();
            optimizer.step();
        }
        Assert.True(losses.Skip(9).Average() < losses.Take(3).Average(), $"masked prediction did not fall: {string.Join(", ", losses.Select(l => l.ToString("F3")))}");
    }

    [Fact]
    public void Its_state_round_trips_through_the_state_dict_and_the_saved_encoder_is_the_plain_gru()
    {
        var a = Build(seed: 1);
        using (var scope = NewDisposeScope())
        {
            var output = a.Step(Batch(), Context(9));
            output.Loss.backward();
            using var _ = no_grad();
            foreach (var p in a.TrainableParameters()) if (p.grad is { } grad) p.sub_(grad * 0.05);
        }
        var keys = a.state_dict().Keys.ToHashSet();
        foreach (var key in new[] { "base_prompt", "mix_prompt", "mask_prompt", "recons_prompt", "cl_prompt", "mp_prompt", "queue.queue", "queue.queue_ptr" })
            Assert.Contains(key, keys);
        Assert.Contains(keys, k => k.StartsWith("decoder.linear.", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.StartsWith("decoder.recons_decoder.", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.StartsWith("encoder_k.", StringComparison.Ordinal));
        Assert.All(a.Encoder.state_dict().Keys, k => Assert.True(k.StartsWith("input_norm.") || k.StartsWith("encoder.gru.") || k.StartsWith("fc."), k));
        Assert.IsType<SkeletonSsl.Encoders.Gru.GruEncoder>(a.Encoder);

        var path = Path.Combine(Path.GetTempPath(), $"pcm3-state-{Guid.NewGuid():N}.bin");
        try
        {
            a.save(path);
            var b = Build(seed: 2);
            Assert.NotEqual(a.Prompts["cl_prompt"].data<float>().ToArray(), b.Prompts["cl_prompt"].data<float>().ToArray());
            b.load(path);
            foreach (var (name, tensor) in a.state_dict())
                Assert.True(tensor.eq(b.state_dict()[name]).all().item<bool>(), $"{name} differs after the round trip");
            var la = a.Forward(Batch(), Context(21)).Loss.item<float>();
            var lb = b.Forward(Batch(), Context(21)).Loss.item<float>();
            Assert.Equal(la, lb, 4);
        }
        finally { File.Delete(path); }
    }

    public static TheoryData<string, string[]> Switches() => new()
    {
        { "paper", ["info_nce_intra", "info_nce_inter", "info_nce_mask", "info_nce_predict", "kl_intra", "kl_inter", "kl_mask", "kl_predict", "masked_prediction"] },
        { "no-intra", ["info_nce_inter", "info_nce_mask", "info_nce_predict", "kl_inter", "kl_mask", "kl_predict", "masked_prediction"] },
        { "no-inter", ["info_nce_intra", "info_nce_mask", "info_nce_predict", "kl_intra", "kl_mask", "kl_predict", "masked_prediction"] },
        { "no-mask", ["info_nce_intra", "info_nce_inter", "info_nce_predict", "kl_intra", "kl_inter", "kl_predict", "masked_prediction"] },
        { "no-predict", ["info_nce_intra", "info_nce_inter", "info_nce_mask", "kl_intra", "kl_inter", "kl_mask", "masked_prediction"] },
        { "no-kl", ["info_nce_intra", "info_nce_inter", "info_nce_mask", "info_nce_predict", "masked_prediction"] },
        { "table8-intra", ["info_nce_intra", "masked_prediction"] },
        { "table8-inter", ["info_nce_intra", "info_nce_inter", "masked_prediction"] },
        { "table8-kl", ["info_nce_intra", "info_nce_inter", "kl_intra", "kl_inter", "masked_prediction"] },
        { "table7-masked-prediction", ["masked_prediction"] },
        { "table7-contrastive", ["info_nce_intra", "info_nce_inter"] },
        { "table7-multi-task", ["info_nce_intra", "info_nce_inter", "masked_prediction"] },
    };

    private static Pcm3Config Variant(string name)
    {
        var noPrompts = Pcm3Config.Paper with { DomainPrompts = false, TaskPrompts = false };
        return name switch
        {
            "paper" => Pcm3Config.Paper,
            "no-intra" => Pcm3Config.Paper with { IntraView = false },
            "no-inter" => Pcm3Config.Paper with { InterView = false },
            "no-mask" => Pcm3Config.Paper with { MaskView = false },
            "no-predict" => Pcm3Config.Paper with { PredictView = false },
            "no-kl" => Pcm3Config.Paper with { RelationalKl = false },
            "table8-intra" => noPrompts with { InterView = false, MaskView = false, PredictView = false, RelationalKl = false },
            "table8-inter" => noPrompts with { MaskView = false, PredictView = false, RelationalKl = false },
            "table8-kl" => noPrompts with { MaskView = false, PredictView = false },
            "table7-masked-prediction" => Pcm3Config.MaskedPredictionOnly,
            "table7-contrastive" => Pcm3Config.ContrastiveOnly,
            "table7-multi-task" => Pcm3Config.MultiTask,
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [MemberData(nameof(Switches))]
    public void Each_switch_changes_which_terms_are_logged(string variant, string[] expected)
    {
        var output = Build(Variant(variant)).Step(Batch(), Context());
        Assert.Equal(expected, output.Terms.Select(t => t.Key));
        Assert.All(output.Terms, t => Assert.True(float.IsFinite(t.Value.item<float>()), t.Key));
    }

    [Fact]
    public void The_prompt_switches_remove_their_prompts()
    {
        Assert.Equal(["base_prompt", "mix_prompt", "mask_prompt", "recons_prompt", "cl_prompt", "mp_prompt"], Build().Prompts.Keys);
        Assert.Equal(["cl_prompt", "mp_prompt"], Build(Pcm3Config.Paper with { DomainPrompts = false }).Prompts.Keys);
        Assert.Equal(["base_prompt", "mix_prompt", "mask_prompt", "recons_prompt"], Build(Pcm3Config.Paper with { TaskPrompts = false }).Prompts.Keys);
        Assert.Empty(Build(Pcm3Config.Paper with { DomainPrompts = false, TaskPrompts = false }).Prompts);
    }

    [Fact]
    public void Prompts_have_the_reference_shapes_and_xavier_bounds()
    {
        var method = Build();
        var domain = method.Prompts["base_prompt"];
        Assert.Equal([1L, 1, 150], domain.shape);
        Assert.True(domain.abs().max().item<float>() <= Math.Sqrt(6.0 / 300));
        var task = method.Prompts["cl_prompt"];
        Assert.Equal([1L, 2 * 4], task.shape);                                            // Smoke: r = 4 of the GRU's 32
        Assert.True(task.abs().max().item<float>() <= Math.Sqrt(6.0 / 9));
    }

    [Fact]
    public void Each_step_enqueues_the_batch_keys()
    {
        var method = Build();
        method.Step(Batch(), Context());
        Assert.Equal((long)BatchSize, method.Queue.Pointer.item<long>());
    }
}
