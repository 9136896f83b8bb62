namespace SkeletonSsl.Evaluation.Detection;

/// <summary>What the detection protocol trains (spec/README.md, PCM3 corrections).</summary>
public enum DetectionMode
{
    /// <summary>The paper (§4.3 item 4): "attach a linear classifier … and finetune the whole model"; train mode while training, eval mode for testing.</summary>
    FineTune,

    /// <summary>
    /// The released detection code (spec/pcm3.md §8.7): the encoder frozen, only the linear layer trained, the model in
    /// train mode while it trains (so the frozen input BatchNorm's running statistics still adapt); eval mode for testing.
    /// </summary>
    LinearOnly,
}
