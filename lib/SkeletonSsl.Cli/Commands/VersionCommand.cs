using System.CommandLine;
using SkeletonSsl.Training;
using TorchSharp;

namespace SkeletonSsl.Cli.Commands;

/// <summary><c>info</c>: versions, device and what the native runtime step did.</summary>
public sealed class InfoCommand : ICliCommand
{
    public string Parent => "";

    public Command Build()
    {
        var command = new Command("info", "Print the kit's version, TorchSharp's, the device and the native runtime set-up.");
        command.SetAction(_ =>
        {
            Console.WriteLine($"SkeletonSsl {typeof(Kit).Assembly.GetName().Version}");
            Console.WriteLine($"TorchSharp {typeof(torch).Assembly.GetName().Version}, device {Kit.DefaultDevice.type}, threads {torch.get_num_threads()}");
            Console.WriteLine($"native: {NativeRuntime.Description}");
            return 0;
        });
        return command;
    }
}
