using TorchSharp;

namespace SkeletonSsl.Training;

/// <summary>The device used when a caller names none (CUDA when available, else the CPU), and the one parser of
/// device names ("cpu", "cuda") that options and commands use.</summary>
public static class Devices
{
    /// <summary>CUDA when available, else the CPU.</summary>
    public static torch.Device Default => torch.cuda.is_available() ? torch.CUDA : torch.CPU;

    public static torch.Device Parse(string device) => device.Trim().ToLowerInvariant() switch
    {
        "cpu" => torch.CPU,
        "cuda" when torch.cuda.is_available() => torch.CUDA,
        "cuda" => throw new ArgumentException("--device cuda: CUDA is not available (build with -p:TorchBackend=cuda on a CUDA machine)"),
        _ => throw new ArgumentException($"unknown device '{device}': expected cpu or cuda"),
    };

    /// <summary>The name of the default device.</summary>
    public static string DefaultName => Default.type == DeviceType.CUDA ? "cuda" : "cpu";
}
