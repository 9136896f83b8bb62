using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using SkeletonSsl.Notebooks;
using TorchSharp;

namespace SkeletonSsl.Tests.Notebooks;

public sealed class KitFormattersTests
{
    public KitFormattersTests() => KitFormatters.Register();

    [Fact]
    public void A_large_data_frame_renders_its_first_rows_and_states_its_size()
    {
        var frame = new DataFrame(new Int32DataFrameColumn("i", Enumerable.Range(0, 500)), new DoubleDataFrameColumn("x", Enumerable.Range(0, 500).Select(i => i / 3.0)));

        string html = frame.ToDisplayString(HtmlFormatter.MimeType);
        string text = frame.ToDisplayString(PlainTextFormatter.MimeType);

        Assert.Contains("500 rows", html);
        Assert.Contains("<td>49</td><td>16.3333</td>", html);
        Assert.DoesNotContain("<td>50</td>", html);
        Assert.Equal(1 + 1 + 50, text.TrimEnd('\n').Split('\n').Length); // caption, header, 50 rows
    }

    [Fact]
    public void A_tensor_renders_as_a_summary_not_a_dump()
    {
        using var t = torch.full(100, 1000, 2.5f);
        using var labels = torch.zeros(7, dtype: torch.int64);

        Assert.Equal("Tensor[100, 1000] float32 on cpu (min 2.5, mean 2.5, std 0, max 2.5)", t.ToDisplayString(PlainTextFormatter.MimeType));
        Assert.Equal("Tensor[7] int64 on cpu", labels.ToDisplayString(PlainTextFormatter.MimeType));
        Assert.StartsWith("<code>Tensor[100, 1000]", t.ToDisplayString(HtmlFormatter.MimeType));
    }

    [Fact]
    public void A_progress_line_renders_a_bar_in_html_and_a_percentage_in_text()
    {
        var line = new SkeletonSsl.Notebooks.Display.ProgressLine("pretrain", "epoch 3/10, loss 4.21", 0.3);

        Assert.Equal("pretrain [ 30%] epoch 3/10, loss 4.21", line.ToDisplayString(PlainTextFormatter.MimeType));
        Assert.Contains("<progress value=\"0.3\" max=\"1\"", line.ToDisplayString(HtmlFormatter.MimeType));
    }
}
