using DynamicObj;
using Plotly.NET;
using SkeletonSsl.Augmentations;
using SkeletonSsl.Augmentations.Mixing;
using SkeletonSsl.Data;
using SkeletonSsl.Skeletons;
using static TorchSharp.torch;

namespace SkeletonSsl.Reporting;

/// <summary>
/// Plotly figures of skeleton sequences: each panel is a 3-D scene with the 25 NTU joints and
/// their bones, animated over frames by one shared slider (one trace per panel and frame; the
/// slider toggles which frame is visible, so it works in notebooks and in offline HTML alike).
/// <see cref="Animated"/> draws given clips side by side; <see cref="PresetViews"/> shows an
/// augmentation preset: the original clip, each of its steps alone, and the whole chain.
/// <see cref="Save"/> writes an offline page (plotly.js inlined once) with Play / Pause buttons.
/// Used by notebooks/00-getting-started and the CLI's <c>data show</c>.
/// </summary>
public static class SkeletonFigure
{
    private static readonly string[] BodyColours = ["#1f77b4", "#ff7f0e"];

    /// <summary>
    /// Panels side by side (up to 4 per row), each a clip (C=3, T, V=25, M) with its title; frames
    /// after a clip's last non-zero frame are not drawn, and a body that is all zero is left out
    /// (or, with <paramref name="bodies"/>, only those bodies are drawn in every panel).
    /// </summary>
    public static GenericChart Animated(IReadOnlyList<(string Title, Tensor Clip)> panels, string? title = null, IReadOnlyList<int>? bodies = null)
    {
        if (panels.Count == 0) throw new ArgumentException("need at least one panel", nameof(panels));
        var clips = panels.Select(p => ClipData.From(p.Clip, p.Title, bodies)).ToArray();
        int columns = Math.Min(4, clips.Length), rows = (clips.Length + columns - 1) / columns;
        int frames = clips.Max(c => c.Frames);
        var traces = new List<Trace>();
        var owner = new List<(int Panel, int Frame)>();
        var layout = new Layout();
        var annotations = new List<object>();
        for (int p = 0; p < clips.Length; p++)
        {
            string scene = p == 0 ? "scene" : $"scene{p + 1}";
            for (int t = 0; t < clips[p].Frames; t++)
            {
                traces.Add(FrameTrace(clips[p], t, scene, visible: t == 0));
                owner.Add((p, t));
            }
            int row = p / columns, col = p % columns;
            double x0 = (double)col / columns, x1 = (col + 1.0) / columns;
            double y1 = 1 - (double)row / rows - 0.06 / rows, y0 = 1 - (row + 1.0) / rows;
            layout.SetProperty(scene, Scene(clips[p], [x0, x1], [y0, y1]));
            annotations.Add(new
            {
                text = $"<b>{System.Net.WebUtility.HtmlEncode(clips[p].Title)}</b>",
                x = (x0 + x1) / 2, y = y1 + 0.04 / rows, xref = "paper", yref = "paper",
                showarrow = false, xanchor = "center", yanchor = "bottom",
            });
        }
        var steps = Enumerable.Range(0, frames).Select(t => new
        {
            label = t.ToString(),
            method = "restyle",
            args = new object[] { new { visible = owner.Select(o => o.Frame == Math.Min(t, clips[o.Panel].Frames - 1)).ToArray() } },
        }).ToArray();
        layout.SetProperty("sliders", new object[] { new { active = 0, pad = new { t = 30 }, currentvalue = new { prefix = "frame " }, steps } });
        layout.SetProperty("annotations", annotations);
        layout.SetProperty("showlegend", false);
        layout.SetProperty("height", 380 * rows + 120);
        layout.SetProperty("margin", new { l = 10, r = 10, t = title is null ? 30 : 70, b = 10 });
        if (title is not null) layout.SetProperty("title", new { text = title });
        return GenericChart.setLayout(layout, GenericChart.ofTraceObjects(true, traces));
    }

    /// <summary>
    /// The original clip <paramref name="index"/> of <paramref name="batch"/> (N, C, T, V, M) next to
    /// each step of <paramref name="preset"/> applied alone and the whole chain, all drawn from the
    /// same seed. The batch gives mixing its partners; a mixing preset also shows the partner.
    /// <paramref name="frames"/>: each clip's valid frames (e.g. <see cref="SkeletonDataset.Frames"/>);
    /// null counts the frames up to the last non-zero one (<see cref="ValidFrames.TrailingZeros"/>).
    /// </summary>
    public static GenericChart PresetViews(Tensor batch, int index, IAugmentation preset, long seed = 0, long[]? frames = null)
    {
        if (batch.dim() != 5) throw new ArgumentException($"expected a batch shaped (N, C, T, V, M), got ({string.Join(", ", batch.shape)})", nameof(batch));
        if (index < 0 || index >= batch.shape[0]) throw new ArgumentOutOfRangeException(nameof(index), index, $"the batch holds {batch.shape[0]} clips");
        using var scope = NewDisposeScope();
        var x = batch.to(ScalarType.Float32, CPU);
        var clips = new ClipBatch(x, frames ?? ValidFrames.TrailingZeros(x));
        var panels = new List<(string, Tensor)> { ("original", x[index]) };
        if (preset is ISampleMixing mixing)
        {
            if (x.shape[2] % 16 != 0 || !clips.IsFull) clips = TemporalCropResize.Centre(1.0).Apply(clips, new Generator((ulong)seed));   // mixing works on 64 valid frames
            var mixed = mixing.Mix(clips, new Generator((ulong)seed));
            long partner = mixed.Partner[index].item<long>();
            panels.Add(($"partner (clip {partner})", clips.X[partner]));
            panels.Add(($"{mixed.Kind}, λ = {mixed.Lambda[index].item<float>():0.00}", mixed.Mixed[index]));
        }
        else
        {
            var steps = preset is Compose c ? c.Steps : [preset];
            if (steps.Count > 1)
                foreach (var step in steps) panels.Add((step.Name, step.Apply(clips, new Generator((ulong)seed)).X[index]));
            panels.Add((preset.Name, preset.Apply(clips, new Generator((ulong)seed)).X[index]));
        }
        // bodies absent from the original stay hidden (AimCLR's noise also lands on an absent body)
        var present = Enumerable.Range(0, (int)x.shape[4]).Where(m => x[index, .., .., .., m].ne(0).any().item<bool>()).ToArray();
        return Animated(panels, $"{preset.Name}: clip {index}, seed {seed}", present.Length > 0 ? present : null);
    }

    /// <summary>Adds the chart to a report page with Play / Pause buttons that step its frame slider.</summary>
    public static ReportPage AddTo(ReportPage page, GenericChart chart) =>
        page.Html(PlayControls).Chart(chart).Html(PlayScript);

    /// <summary>Writes an offline HTML page (plotly.js inlined, written atomically) showing the chart.</summary>
    public static void Save(GenericChart chart, string path, string title) => AddTo(new ReportPage(title), chart).Save(path);

    private const string PlayControls =
        "<div class=\"skeleton-play\"><button onclick=\"skeletonPlay(this, 1)\">Play</button> <button onclick=\"skeletonPlay(this, 0)\">Pause</button></div>";

    /// <summary>Steps the next chart's first slider, restyling as the slider's own steps do (defined once per page is enough; redefinition is harmless).</summary>
    private const string PlayScript = """
        <script type="text/javascript">
        function skeletonPlay(button, on) {
          var gd = button.parentElement.nextElementSibling.querySelector('.js-plotly-plot');
          if (!gd || !gd.layout.sliders || !gd.layout.sliders.length) return;
          clearInterval(gd._skeletonTimer);
          if (!on) return;
          gd._skeletonTimer = setInterval(function () {
            var s = gd.layout.sliders[0], next = ((s.active || 0) + 1) % s.steps.length;
            Plotly.restyle(gd, s.steps[next].args[0]);
            Plotly.relayout(gd, { 'sliders[0].active': next });
          }, 80);
        }
        </script>
        """;

    private static Trace FrameTrace(ClipData clip, int t, string scene, bool visible)
    {
        var xs = new List<double?>();
        var ys = new List<double?>();
        var zs = new List<double?>();
        var colours = new List<string>();
        foreach (int m in clip.Bodies)
        {
            foreach (var (a, b) in NtuLayout.Edges)                                   // bones as segments separated by gaps
            {
                foreach (int j in new[] { a, b })
                {
                    xs.Add(clip.At(0, t, j, m));
                    ys.Add(clip.At(1, t, j, m));
                    zs.Add(clip.At(2, t, j, m));
                    colours.Add(BodyColours[m % BodyColours.Length]);
                }
                xs.Add(null); ys.Add(null); zs.Add(null);
                colours.Add(BodyColours[m % BodyColours.Length]);
            }
        }
        var trace = new Trace3D("scatter3d");
        trace.SetProperty("x", xs);
        trace.SetProperty("y", ys);
        trace.SetProperty("z", zs);
        trace.SetProperty("mode", "lines+markers");
        trace.SetProperty("connectgaps", false);
        trace.SetProperty("line", new { width = 5, color = colours });
        trace.SetProperty("marker", new { size = 2.5, color = colours });
        trace.SetProperty("hoverinfo", "skip");
        trace.SetProperty("scene", scene);
        trace.SetProperty("visible", visible);
        trace.SetProperty("name", $"{clip.Title} t={t}");
        return trace;
    }

    /// <summary>A scene with equal scales on the three axes around the clip, y up, seen from the front.</summary>
    private static object Scene(ClipData clip, double[] x, double[] y)
    {
        double half = Math.Max(1e-3, clip.Extent / 2 * 1.1);
        object Axis(string name, double centre) => new
        {
            title = new { text = name }, range = new[] { centre - half, centre + half },
            showticklabels = false, backgroundcolor = "#f4f6fa", showbackground = true,
        };
        return new
        {
            domain = new { x, y },
            xaxis = Axis("x", clip.Centre[0]), yaxis = Axis("y", clip.Centre[1]), zaxis = Axis("z", clip.Centre[2]),
            aspectmode = "cube",
            camera = new { up = new { x = 0, y = 1, z = 0 }, eye = new { x = 0.5, y = 0.4, z = -1.8 } },
        };
    }

    /// <summary>One clip's coordinates on the CPU with its drawn frames, bodies and bounding box.</summary>
    private sealed class ClipData
    {
        private float[] _values = [];
        private long _t, _v, _m;

        public string Title { get; private init; } = "";
        public int Frames { get; private init; }
        public int[] Bodies { get; private init; } = [];
        public double[] Centre { get; private set; } = [0, 0, 0];
        public double Extent { get; private set; }

        public double At(int c, int t, int v, int m) => _values[((c * _t + t) * _v + v) * _m + m];

        public static ClipData From(Tensor clip, string title, IReadOnlyList<int>? only)
        {
            if (clip.dim() != 4 || clip.shape[0] != 3 || clip.shape[2] != NtuLayout.Joints)
                throw new ArgumentException($"panel '{title}': expected a clip shaped (3, T, 25, M), got ({string.Join(", ", clip.shape)})", nameof(clip));
            using var scope = NewDisposeScope();
            var c = clip.detach().to(ScalarType.Float32, CPU).contiguous();
            var nonZeroFrame = c.ne(0).any(3).any(2).any(0);                           // (T)
            if (!nonZeroFrame.any().item<bool>()) nonZeroFrame = ones(c.shape[1], dtype: ScalarType.Bool);
            long last = nonZeroFrame.nonzero().max().item<long>() + 1;
            var bodies = only?.Where(m => m >= 0 && m < c.shape[3]).ToArray()
                ?? Enumerable.Range(0, (int)c.shape[3]).Where(m => c[.., .., .., m].ne(0).any().item<bool>()).ToArray();
            if (bodies.Length == 0) bodies = [0];
            var data = new ClipData
            {
                Title = title, Frames = (int)last, Bodies = bodies,
                _values = c.data<float>().ToArray(), _t = c.shape[1], _v = c.shape[2], _m = c.shape[3],
            };
            var used = c.narrow(1, 0, last).index_select(3, tensor(bodies.Select(b => (long)b).ToArray())).reshape(3, -1);
            var lo = used.amin(1);
            var hi = used.amax(1);
            data.Centre = ((lo + hi) / 2).to(ScalarType.Float64).data<double>().ToArray();
            data.Extent = (hi - lo).max().item<float>();
            return data;
        }
    }
}
