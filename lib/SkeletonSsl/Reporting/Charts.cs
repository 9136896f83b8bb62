using Plotly.NET;
using Plotly.NET.LayoutObjects;
using SkeletonSsl.Tables;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;
using GenericChart = Plotly.NET.GenericChart;
using SkeletonSsl.Evaluation;

namespace SkeletonSsl.Reporting;

/// <summary>Plotly figures for report pages and notebooks (built with Plotly.NET.CSharp).</summary>
public static class Charts
{
    /// <summary>Grouped bars per numeric table column: ours next to the paper's, one group per row the kit reruns
    /// (in a derived column: per row with a formula).</summary>
    public static GenericChart ComparisonBars(ComparisonTable comparison, string columnId)
    {
        var column = comparison.Table.Column(columnId);
        if (!column.IsNumeric) throw new ArgumentException($"table {comparison.Table.Id} column {columnId} holds text; bars need a column of numbers");
        var entries = comparison.Entries.Where(e => e.ColumnId == columnId && !e.PaperOnly &&
                                                    (column.Kind == ColumnKind.Measured || e.Formula is not null)).ToList();
        var labels = entries.Select(e => e.Label).ToArray();
        var ours = Chart.Column<double, string, string>(entries.Select(e => e.Ours ?? double.NaN).ToArray(), Keys: labels, Name: "ours");
        var paper = Chart.Column<double, string, string>(entries.Select(e => e.Paper ?? double.NaN).ToArray(), Keys: labels, Name: "paper");
        var yTitle = column.Unit == MetricUnit.Percent && column.Kind == ColumnKind.Measured && (column.Metric ?? "top1") == "top1"
            ? "top-1 accuracy (%)"
            : $"{column.Header}{(column.Unit.Suffix.Trim() is { Length: > 0 } s ? $" ({s})" : "")}" +
              (column.Unit.Direction == MetricDirection.LowerIsBetter ? ", lower is better" : "");
        var chart = Chart.Combine([ours, paper]).WithYAxisStyle<string, string, string>(TitleText: yTitle);
        return Titled(chart, ComparisonTable.HeaderOf(column));
    }

    /// <summary>A 2-D scatter coloured by label (t-SNE, AimCLR Fig. 2).</summary>
    public static GenericChart Scatter(ScatterData data)
    {
        var traces = data.Labels.Select((l, i) => (l, i)).GroupBy(p => p.l).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Chart.Point<double, double, string>(g.Select(p => data.X[p.i]).ToArray(), g.Select(p => data.Y[p.i]).ToArray(), Name: g.Key));
        return Titled(Chart.Combine(traces), data.Title);
    }

    /// <summary>Lines over a common x axis (KNN accuracy, AimCLR Fig. 3; pre-training loss per epoch).</summary>
    public static GenericChart Curves(CurveData data)
    {
        var traces = data.Series.Select(s => Chart.Line<double, double, string>(s.X.ToArray(), s.Y.ToArray(), Name: s.Name, ShowMarkers: true));
        var chart = Chart.Combine(traces)
            .WithXAxisStyle<string, string, string>(TitleText: data.XTitle)
            .WithYAxisStyle<string, string, string>(TitleText: data.YTitle);
        return Titled(chart, data.Title);
    }

    /// <summary>A heatmap (a confusion matrix: rows true class, columns predicted).</summary>
    public static GenericChart Heatmap(HeatmapData data) =>
        Titled(Chart.Heatmap<double, string, string, string>(data.Values.Select(r => r.ToArray()).ToArray(),
                                                             X: data.ColumnLabels.ToArray(), Y: data.RowLabels.ToArray()),
               data.Title);

    /// <summary>
    /// Segments on tracks (a detection timeline: ground truth vs predicted segments of one recording): each segment a thick
    /// horizontal bar from its first to its last frame, one colour per class label (the same on every track), the legend
    /// listing each class once.
    /// </summary>
    public static GenericChart Timeline(TimelineData data)
    {
        string[] palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
        var labels = data.Tracks.SelectMany(t => t.Segments.Select(s => s.Label)).Distinct().Order(StringComparer.Ordinal).ToList();
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var traces = new List<GenericChart>();
        foreach (var track in data.Tracks)
            foreach (var s in track.Segments)
            {
                string colour = palette[labels.IndexOf(s.Label) % palette.Length];
                traces.Add(Chart.Line<double, string, string>(
                    [s.Start - 0.5, s.End + 0.5], [track.Name, track.Name], Name: s.Label, ShowLegend: shown.Add(s.Label),
                    LineColor: Color.fromString(colour), LineWidth: 18,
                    MultiText: new[] { $"{s.Label} [{s.Start}, {s.End}] {s.Confidence:F2}", $"{s.Label} [{s.Start}, {s.End}] {s.Confidence:F2}" }));
            }
        if (traces.Count == 0 && data.Tracks.Count > 0)
            traces.Add(Chart.Line<double, string, string>([1, data.Frames], [data.Tracks[0].Name, data.Tracks[0].Name], Name: "none", ShowLegend: false));
        var chart = Chart.Combine(traces)
            .WithXAxisStyle<double, double, string>(TitleText: "frame", MinMax: new Tuple<double, double>(0.5, data.Frames + 0.5))
            .WithYAxisStyle<string, string, string>(TitleText: "");
        return Titled(chart, data.Title);
    }

    /// <summary>Animated 3-D skeleton panels side by side, one shared frame slider (<see cref="SkeletonFigure.Animated"/>).</summary>
    public static GenericChart Skeletons(SkeletonClipsData data)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        var panels = data.Panels.Select(p =>
        {
            p.Validate();
            return (p.Title, TorchSharp.torch.tensor(p.Values.ToArray()).view(p.Channels, p.Frames, p.Joints, p.Bodies));
        }).ToList();
        return SkeletonFigure.Animated(panels, data.Title);
    }

    /// <summary>The figure for any <see cref="FigureData"/>.</summary>
    public static GenericChart Of(FigureData data) => data switch
    {
        ScatterData s => Scatter(s),
        CurveData c => Curves(c),
        HeatmapData h => Heatmap(h),
        TimelineData t => Timeline(t),
        SkeletonClipsData k => Skeletons(k),
        _ => throw new ArgumentException($"no figure for {data.GetType().Name}"),
    };

    /// <summary>The chart with a layout title.</summary>
    public static GenericChart Titled(GenericChart chart, string title)
    {
        var titleObject = new Title();
        DynamicObj.DynObj.setProperty("text", title, titleObject);
        var layout = new Layout();
        DynamicObj.DynObj.setProperty("title", titleObject, layout);
        return Plotly.NET.Chart.withLayout(layout).Invoke(chart);
    }

    /// <summary>The chart's &lt;div&gt; and script, without any plotly.js reference (the page inlines it once).</summary>
    public static string ToHtmlFragment(GenericChart chart) => GenericChart.toChartHTML(chart);
}
