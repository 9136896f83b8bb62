using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Cli.Commands;

/// <summary>
/// <c>data inspect PATH</c>: a JSON summary of a raw or interchange file (.skeleton, PKU-MMD .txt,
/// .npy, .npz, .pkl) on stdout. New kinds of input (e.g. directories) are new
/// <see cref="IDataInspector"/> classes in the library; this command needs no change.
/// </summary>
public sealed class DataInspectCommand : ICliCommand
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // '<f4' stays readable
    };

    public string Parent => "data";

    public Command Build()
    {
        var path = new Argument<string>("path") { Description = "A .skeleton, PKU-MMD .txt, .npy, .npz or .pkl file." };
        var command = new Command("inspect", "Summarise a data file as JSON: frames and bodies, dtype and shape, pickle structure.");
        command.Arguments.Add(path);
        command.SetAction(r => CliRun.Guard(() =>
        {
            Console.WriteLine(DataInspector.Inspect(r.GetValue(path)!).ToJsonString(Indented));
            return 0;
        }));
        return command;
    }
}
