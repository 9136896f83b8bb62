using static TorchSharp.torch;

namespace SkeletonSsl.Encoders;

/// <summary>
/// An encoder with a spatial-temporal feature map that AimCLR's drop branch can drop from
/// (spec/aimclr.md §3.3 step 5; ST-GCN): one backbone pass, then the same pooling and head applied
/// to the map and to drop(map). x: (N, C, T, V, M) → (Z (N, D), ZDrop (N, D)).
/// </summary>
public interface IDropBranchEncoder
{
    (Tensor Z, Tensor ZDrop) ForwardWithDrop(Tensor x, Func<Tensor, Tensor> drop);
}
