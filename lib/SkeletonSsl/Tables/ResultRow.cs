using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>One measured table cell with its provenance (DESIGN style rule 11).</summary>
/// <param name="TableId">"aimclr-table2".</param>
/// <param name="RowId">"3s-aimclr".</param>
/// <param name="Column">The column id ("ntu60-xsub").</param>
/// <param name="Value">Our value in the column's unit.</param>
/// <param name="ConfigHash">The experiment's config hash.</param>
/// <param name="Seed">The experiment seed.</param>
/// <param name="Profile">Smoke / Quick / Paper.</param>
/// <param name="Commit">The git commit of the code that measured it.</param>
/// <param name="Device">The device it ran on.</param>
/// <param name="TorchSharpVersion">The TorchSharp version.</param>
/// <param name="Data">Synthetic or real data.</param>
/// <param name="Timestamp">When it was measured (UTC).</param>
public sealed record ResultRow(string TableId, string RowId, string Column, double Value, string ConfigHash, int Seed,
                               Profile Profile, string Commit, string Device, string TorchSharpVersion, DataKind Data,
                               DateTimeOffset Timestamp)
{
    /// <summary>The row for a table cell filled from a stored experiment.</summary>
    public static ResultRow From(string tableId, string rowId, string column, string metric, ExperimentRecord record)
    {
        if (!record.Metrics.TryGetValue(metric, out var value))
            throw new ArgumentException($"experiment {record.ConfigHash} reports no metric '{metric}' (has {string.Join(", ", record.Metrics.Keys)})");
        var p = record.Provenance;
        return new(tableId, rowId, column, value, record.ConfigHash, record.Seed, record.Profile, p.Commit, p.Device,
                   p.TorchSharpVersion, record.Data, p.Timestamp);
    }
}
