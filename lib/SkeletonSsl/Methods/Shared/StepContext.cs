using static TorchSharp.torch;

namespace SkeletonSsl.Methods.Shared;

/// <summary>
/// Where a step stands: 1-based epoch, 0-based step within it and over the run, the learning
/// rate in force, the training device, and the run's CPU generator that every random draw of the
/// step (augmentations, masks, mixing) must use.
/// </summary>
public sealed record StepContext(int Epoch, int StepInEpoch, long GlobalStep, double LearningRate, Device Device, Generator Generator);
