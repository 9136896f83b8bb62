using System.Globalization;

namespace SkeletonSsl.Notebooks.Display;

/// <summary>One state of an inline progress display: a title, a text and an optional fraction done.</summary>
public sealed class ProgressLine(string title, string text, double? fraction)
{
    public string Title { get; } = title;
    public string Text { get; } = text;
    public double? Fraction { get; } = fraction;

    public override string ToString() => Fraction is { } f
        ? $"{Title} [{(100 * f).ToString("0", CultureInfo.InvariantCulture),3}%] {Text}"
        : $"{Title}: {Text}";

    /// <summary>The HTML a kernel shows (and updates in place): a progress bar and the text.</summary>
    public string ToHtml()
    {
        string bar = Fraction is { } f
            ? $"<progress value=\"{Math.Clamp(f, 0, 1).ToString("0.###", CultureInfo.InvariantCulture)}\" max=\"1\" style=\"width:12em\"></progress> "
            : "";
        return $"<div><b>{Formatting.Html.Encode(Title)}</b> {bar}<span>{Formatting.Html.Encode(Text)}</span></div>";
    }
}
