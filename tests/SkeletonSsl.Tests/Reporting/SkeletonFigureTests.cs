using Plotly.NET;
using SkeletonSsl.Augmentations;
using SkeletonSsl.Reporting;
using SkeletonSsl.Tests.Augmentations;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Reporting;

public sealed class SkeletonFigureTests
{
    [Fact]
    public void Each_panel_has_one_trace_per_drawn_frame_and_the_slider_shows_one_frame_per_panel()
    {
        using var scope = NewDisposeScope();
        var a = Clips.Padded([12], t: 20)[0];                                    // 12 drawn frames of 20
        var b = Clips.Random(n: 2, t: 7)[1];                                     // two bodies
        var chart = SkeletonFigure.Animated([("a", a), ("b", b)]);
        string json = GenericChart.toJson(chart);
        var figure = System.Text.Json.JsonDocument.Parse(json).RootElement;
        var traces = figure.GetProperty("data");
        Assert.Equal(12 + 7, traces.GetArrayLength());
        Assert.Equal("scene2", traces[12].GetProperty("scene").GetString());
        var x = traces[0].GetProperty("x");
        Assert.Equal(24 * 3 * 1, x.GetArrayLength());                           // clip 0 has one body: 24 bones, 2 ends + gap
        Assert.Equal(24 * 3 * 2, traces[12].GetProperty("x").GetArrayLength()); // clip b has two bodies
        var steps = figure.GetProperty("layout").GetProperty("sliders")[0].GetProperty("steps");
        Assert.Equal(12, steps.GetArrayLength());
        foreach (var step in steps.EnumerateArray())
        {
            var visible = step.GetProperty("args")[0].GetProperty("visible").EnumerateArray().Select(v => v.GetBoolean()).ToArray();
            Assert.Equal(1, visible.Take(12).Count(v => v));
            Assert.Equal(1, visible.Skip(12).Count(v => v));                      // the shorter panel holds its last frame
        }
    }

    [Fact]
    public void Bones_join_the_joint_positions_of_the_frame()
    {
        using var scope = NewDisposeScope();
        var clip = Clips.Random(n: 1, t: 3)[0];
        var json = System.Text.Json.JsonDocument.Parse(GenericChart.toJson(SkeletonFigure.Animated([("c", clip)]))).RootElement;
        var trace = json.GetProperty("data")[1];
        var (j0, j1) = SkeletonSsl.Skeletons.NtuLayout.Edges[0];
        Assert.Equal(clip[0, 1, j0, 0].item<float>(), trace.GetProperty("x")[0].GetDouble(), 5);
        Assert.Equal(clip[1, 1, j1, 0].item<float>(), trace.GetProperty("y")[1].GetDouble(), 5);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, trace.GetProperty("z")[2].ValueKind);
    }

    [Fact]
    public void Preset_views_show_the_original_each_step_and_the_chain()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 4, t: 50);
        var chart = SkeletonFigure.PresetViews(x, 1, AugmentationPresets.Create("aimclr-extreme"), seed: 3);
        var layout = System.Text.Json.JsonDocument.Parse(GenericChart.toJson(chart)).RootElement.GetProperty("layout");
        var titles = layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()).ToArray();
        Assert.Equal(10, titles.Length);
        Assert.Contains("<b>original</b>", titles);
        Assert.Contains("<b>gaussian-blur</b>", titles);
        Assert.Contains("<b>aimclr-extreme</b>", titles);
        var mixing = SkeletonFigure.PresetViews(Clips.Random(n: 4, t: 64), 0, AugmentationPresets.Create("pcm3-inter"));
        var mixTitles = System.Text.Json.JsonDocument.Parse(GenericChart.toJson(mixing)).RootElement
            .GetProperty("layout").GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()).ToArray();
        Assert.Equal(3, mixTitles.Length);
        Assert.StartsWith("<b>partner", mixTitles[1]);
    }

    [Fact]
    public void Preset_views_hide_a_body_absent_from_the_original()
    {
        using var scope = NewDisposeScope();
        var x = Clips.Random(n: 2, t: 10);                                       // clip 0 has no second body
        var chart = SkeletonFigure.PresetViews(x, 0, new Compose("noise", [new GaussianNoise(1.0)]));
        var traces = System.Text.Json.JsonDocument.Parse(GenericChart.toJson(chart)).RootElement.GetProperty("data");
        Assert.All(traces.EnumerateArray(), t => Assert.Equal(24 * 3, t.GetProperty("x").GetArrayLength()));
    }

    [Fact]
    public void Offline_page_inlines_plotly_once_with_play_controls_per_chart()
    {
        using var scope = NewDisposeScope();
        var chart = SkeletonFigure.Animated([("a", Clips.Random(n: 1, t: 3)[0])]);
        var report = new ReportPage("t");
        SkeletonFigure.AddTo(SkeletonFigure.AddTo(report, chart), chart);
        string page = report.ToHtml();
        Assert.Equal(1, Occurrences(page, "plotly.min.js.LICENSE.txt"));
        Assert.DoesNotContain("src=\"http", page);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(page, "<div id=\"[0-9a-f-]{36}\"").Count);
        Assert.Equal(2, Occurrences(page, "skeletonPlay(this, 1)"));
    }

    private static int Occurrences(string text, string what)
    {
        int count = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
