using TorchSharp;

namespace SkeletonSsl.Experiments;

/// <summary>The one parser of device names ("cpu", "cuda") that options and commands use.</summary>
public static class Devices
{
    public static torch.Device Parse(string device) => device.Trim().ToLowerInvariant() switch
    {
        "cpu" => torch.CPU,
        "cuda" when torch.cuda.is_available() => torch.CUDA,
        "cuda" => throw new ArgumentException("--device cuda: CUDA is not available (build with -p:TorchBackend=cuda on a CUDA machine)"),
        _ => throw new ArgumentException($"unknown device '{device}': expected cpu or cuda"),
    };

    /// <summary>The name of the default device (<see cref="Kit.DefaultDevice"/>).</summary>
    public static string DefaultName => Kit.DefaultDevice.type == DeviceType.CUDA ? "cuda" : "cpu";
}
