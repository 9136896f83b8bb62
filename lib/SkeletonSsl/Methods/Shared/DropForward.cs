using SkeletonSsl.Encoders;
using static TorchSharp.torch;

namespace SkeletonSsl.Methods.Shared;

/// <summary>
/// An encoder pass that also returns a second output computed from a dropped copy of its final
/// feature map (AimCLR's drop branch, spec/aimclr.md §3.3 step 5): the same pooling and head
/// applied to drop(F). x: (N, C, T, V, M) → (Output (N, D), Dropped (N, D)).
/// </summary>
public delegate (Tensor Output, Tensor Dropped) DropForward(SkeletonEncoder encoder, Tensor x, Func<Tensor, Tensor> drop);
