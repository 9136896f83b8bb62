using SkeletonSsl.Training;
using TorchSharp;

namespace SkeletonSsl;

/// <summary>
/// The kit's entry point for notebooks and scripts: <c>Kit.Setup()</c> in the setup cell applies the
/// native runtime step (<see cref="NativeRuntime"/>), chooses the device and fixes the seed.
/// </summary>
public static class Kit
{
    /// <summary>The device used when a caller does not name one: CUDA when available, else CPU.</summary>
    public static torch.Device DefaultDevice => Devices.Default;

    /// <summary>Initialises the native runtime and seeds torch; returns a one-line description.</summary>
    public static string Setup(long seed = 0)
    {
        NativeRuntime.EnsureInitialised();
        torch.manual_seed(seed);
        return $"SkeletonSsl on {DefaultDevice.type}, TorchSharp {typeof(torch).Assembly.GetName().Version}; {NativeRuntime.Description}";
    }
}
