using SkeletonSsl.Encoders;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Methods.Shared;

/// <summary>
/// A self-supervised pre-training method as the trainer sees it. The method owns everything that
/// is checkpointed (<see cref="Module"/>: encoders, heads, decoders, prompts, queues or banks as
/// buffers), builds its views from the raw batch (augmentation included), and returns the loss;
/// the trainer does backward, the optimiser step, the schedule and checkpoints.
/// Order per step: <see cref="Step"/> → backward → optimiser step → <see cref="AfterOptimizerStep"/>.
/// </summary>
public interface IPretrainMethod
{
    /// <summary>Short name for logs and configs ("skeletonclr", "aimclr", ...).</summary>
    string Name { get; }

    /// <summary>The module whose state_dict is the method's checkpointed state (parameters and buffers).</summary>
    nn.Module Module { get; }

    /// <summary>The encoder kept for downstream protocols (encoder_q, with its projection head).</summary>
    SkeletonEncoder Encoder { get; }

    /// <summary>What the optimiser updates (the query encoder, plus decoders or prompts where a method has them).</summary>
    IEnumerable<TorchSharp.Modules.Parameter> TrainableParameters();

    /// <summary>Called before each epoch (1-based), e.g. to switch on nearest-neighbour mining.</summary>
    void OnEpochStart(int epoch);

    /// <summary>
    /// One training step on a raw batch: augment, encode, and return the loss (a scalar with
    /// gradient) and its named terms (detached scalars). Runs inside the trainer's dispose scope.
    /// </summary>
    StepOutput Step(PretrainBatch batch, StepContext context);

    /// <summary>
    /// After the optimiser step, still inside the step's dispose scope: e.g. a gradient-updated
    /// memory bank (A2MC). Most methods do nothing here.
    /// </summary>
    void AfterOptimizerStep(StepContext context);
}
