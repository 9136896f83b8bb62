using System.Globalization;
using System.Text;

namespace SkeletonSsl.Training;

/// <summary>
/// metrics.csv of a run: one row per finished epoch with columns
/// <c>epoch, lr, loss, &lt;method terms…&gt;, samples_per_s, seconds</c>. Rewritten atomically after
/// every epoch; on resume the rows after the restored epoch are dropped.
/// </summary>
public sealed class MetricsLog
{
    public const string FileName = "metrics.csv";

    private readonly string _path;
    private readonly List<string> _rows = [];
    private string? _header;
    private IReadOnlyList<string> _termNames = [];

    public MetricsLog(string runDirectory) => _path = Path.Combine(runDirectory, FileName);

    /// <summary>Keeps the rows of epochs up to <paramref name="lastEpoch"/> from an existing file.</summary>
    public void RestoreUpTo(int lastEpoch)
    {
        if (!File.Exists(_path)) return;
        var lines = File.ReadAllLines(_path);
        if (lines.Length == 0) return;
        _header = lines[0];
        var columns = _header.Split(',');
        _termNames = columns.Skip(3).Take(columns.Length - 5).ToList();
        foreach (var line in lines.Skip(1))
        {
            var first = line.Split(',', 2)[0];
            if (int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var e) && e <= lastEpoch)
                _rows.Add(line);
        }
    }

    /// <summary>The loss column of a run's metrics.csv, one value per finished epoch (empty if there is none).</summary>
    public static IReadOnlyList<double> ReadLosses(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path)) return [];
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0) return [];
        int column = Array.IndexOf(lines[0].Split(','), "loss");
        if (column < 0) throw new Data.DataFormatException(path, "expected a 'loss' column in the header", line: 1);
        return [.. lines.Skip(1).Select((l, i) =>
            double.TryParse(l.Split(',')[column], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)
                ? v : throw new Data.DataFormatException(path, "expected a number", line: i + 2, field: "loss"))];
    }

    public void Append(EpochMetrics m)
    {
        if (_header is null)
        {
            _termNames = m.Terms.Select(t => t.Key).ToList();
            _header = string.Join(",", new[] { "epoch", "lr", "loss" }.Concat(_termNames).Concat(["samples_per_s", "seconds"]));
        }
        var terms = m.Terms.ToDictionary(t => t.Key, t => t.Value);
        var cells = new List<string> { m.Epoch.ToString(CultureInfo.InvariantCulture), F(m.LearningRate), F(m.Loss) };
        cells.AddRange(_termNames.Select(n => terms.TryGetValue(n, out var v) ? F(v) : ""));
        cells.Add(F(m.SamplesPerSecond));
        cells.Add(F(m.Seconds));
        _rows.Add(string.Join(",", cells));
        Write();
    }

    private void Write()
    {
        var text = new StringBuilder().AppendLine(_header);
        foreach (var r in _rows) text.AppendLine(r);
        Data.Formats.AtomicFile.WriteAllText(_path, text.ToString());
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);   // round-trips: a reused run reads back the losses it trained
}
