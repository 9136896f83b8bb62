using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.StGcn;
using Spectre.Console;
using static TorchSharp.torch;

namespace SkeletonSsl.Cli.Commands;

/// <summary>
/// <c>model summary --encoder stgcn|gru [--widths …|--hidden H]</c>: the encoder's parameters per
/// layer (ST-GCN block, GRU layer and chain, head) with their state-dict keys, and the totals.
/// </summary>
public sealed partial class ModelSummaryCommand : ICliCommand
{
    public string Parent => "model";

    public Command Build()
    {
        var options = new EncoderOptions();
        var command = new Command("summary", "Parameters per layer and in total of an encoder (a table).");
        options.AddTo(command);
        command.SetAction(r => CliRun.Guard(() => Run(options, r)));
        return command;
    }

    private static int Run(EncoderOptions options, ParseResult r)
    {
        using var encoder = options.Create(r, new Generator(0));
        var rows = Rows(encoder);
        var table = new Spectre.Console.Table().Title($"{encoder.GetType().Name}: feature {encoder.FeatureDim}")
            .AddColumn("layer").AddColumn("tensors").AddColumn(new TableColumn("parameters").RightAligned());
        foreach (var (layer, shapes, count) in rows)
            table.AddRow(Markup.Escape(layer), Markup.Escape(shapes), count.ToString("N0", CultureInfo.InvariantCulture));
        long total = rows.Sum(x => x.Count);
        long head = rows.Where(x => x.Layer.StartsWith("fc", StringComparison.Ordinal)).Sum(x => x.Count);
        table.AddEmptyRow();
        table.AddRow("backbone (without fc)", "", (total - head).ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("[bold]total[/]", "", $"[bold]{total.ToString("N0", CultureInfo.InvariantCulture)}[/]");
        AnsiConsole.Write(table);
        return 0;
    }

    /// <summary>Parameters grouped by layer, in registration order.</summary>
    internal static List<(string Layer, string Shapes, long Count)> Rows(nn.Module encoder)
    {
        var groups = new List<(string Layer, List<string> Shapes, long Count)>();
        foreach (var (name, p) in encoder.named_parameters())
        {
            string layer = LayerOf(name);
            string shape = $"{name[(name.LastIndexOf('.') + 1)..]} [{string.Join("×", p.shape)}]";
            int i = groups.FindIndex(g => g.Layer == layer);
            if (i < 0) groups.Add((layer, [shape], p.numel()));
            else groups[i] = (layer, [.. groups[i].Shapes, shape], groups[i].Count + p.numel());
        }
        return groups.Select(g => (g.Layer, Describe(encoder, g.Layer) ?? (g.Shapes.Count > 4 ? $"{g.Shapes.Count} tensors" : string.Join(", ", g.Shapes)), g.Count)).ToList();
    }

    /// <summary>An ST-GCN block as "in→out, stride s, residual r"; null for other layers.</summary>
    private static string? Describe(nn.Module encoder, string layer)
    {
        if (layer.StartsWith("encoder.gru ", StringComparison.Ordinal))
        {
            var w = encoder.named_parameters().Where(p => p.name.StartsWith("encoder.gru.weight_", StringComparison.Ordinal)
                && LayerOf(p.name) == layer).Select(p => $"[{string.Join("×", p.parameter.shape)}]").ToList();
            return $"ih {w[0]}, hh {w[1]}, 2 biases";
        }
        if (encoder is not StGcnEncoder stgcn || !layer.StartsWith("st_gcn_networks.", StringComparison.Ordinal)) return null;
        int i = int.Parse(layer["st_gcn_networks.".Length..], CultureInfo.InvariantCulture);
        var c = stgcn.Config;
        int input = i == 0 ? c.InChannels : c.Widths[i - 1];
        var residual = c.Residuals?[i] ?? StGcnBlock.ResidualFor(i > 0, input, c.Widths[i], c.Strides[i]);
        return $"{input}→{c.Widths[i]}, stride {c.Strides[i]}, kernel {c.TemporalKernel}, residual {residual.ToString().ToLowerInvariant()}";
    }

    private static string LayerOf(string name)
    {
        if (GruParameter().Match(name) is { Success: true } m)
            return $"encoder.gru l{m.Groups[2].Value}{(m.Groups[3].Success ? "_reverse" : "")}";
        var parts = name.Split('.');
        return parts[0] switch
        {
            "st_gcn_networks" => $"st_gcn_networks.{parts[1]}",
            "edge_importance" => "edge_importance",
            _ => string.Join('.', parts[..^1]),
        };
    }

    [GeneratedRegex(@"^encoder\.gru\.(weight|bias)_(?:ih|hh)_l(\d+)(_reverse)?$")]
    private static partial Regex GruParameter();
}
