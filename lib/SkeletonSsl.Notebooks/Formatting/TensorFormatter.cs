using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Notebooks.Formatting;

/// <summary>
/// A tensor as a one-line summary, never a dump of its values: shape, dtype, device, and for a
/// non-empty floating tensor its min / mean / std / max.
/// </summary>
internal static class TensorFormatter
{
    public static string Summary(Tensor t)
    {
        if (t.IsInvalid) return "Tensor (disposed)";
        string shape = "[" + string.Join(", ", t.shape) + "]";
        string grad = t.requires_grad ? ", requires_grad" : "";
        string text = $"Tensor{shape} {t.dtype.ToString().ToLowerInvariant()} on {t.device}{grad}";
        if (t.numel() > 0 && t.is_floating_point())
        {
            using var _ = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            var x = t.detach().to_type(ScalarType.Float64);
            string F(Tensor v) => v.item<double>().ToString("G4", CultureInfo.InvariantCulture);
            string std = t.numel() > 1 ? $", std {F(x.std())}" : "";
            text += $" (min {F(x.min())}, mean {F(x.mean())}{std}, max {F(x.max())})";
        }
        return text;
    }

    public static void WriteHtml(Tensor t, TextWriter w) => w.Write($"<code>{Html.Encode(Summary(t))}</code>");

    public static void WriteText(Tensor t, TextWriter w) => w.Write(Summary(t));
}
