using System.Diagnostics;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Reporting;
using SkeletonSsl.Tables;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Experiments;
using SkeletonSsl.Training;

namespace SkeletonSsl.Tables;

/// <summary>
/// Runs a paper table: for each distinct experiment of its rows, reuses the stored result when one
/// exists for (config hash, profile, seed, data), otherwise pre-trains each stream (each distinct
/// pre-training run once, shared by every protocol and table that needs it), evaluates with the
/// protocol, stores the record atomically, and returns one <see cref="ResultRow"/> per cell. Each
/// evaluation and each pre-training run is done under its folder's <see cref="RunLock"/>, so two table runs
/// at once (two processes) never compute the same thing twice: the second waits and reuses the first's.
/// </summary>
/// <param name="pretrain">How a pre-training run is obtained: <see cref="Pretraining.Run(ExperimentContext, PretrainSpec, IProgress{Training.PretrainProgress}?, CancellationToken)"/>
/// unless a test puts a fake in its place.</param>
public sealed class Runner(Catalog catalog, ResultStore store, RunnerOptions options,
                           Func<ExperimentContext, PretrainSpec, IProgress<Training.PretrainProgress>?, PretrainRun>? pretrain = null)
{
    private readonly Dictionary<PretrainSpec, PretrainRun> _pretrained = [];
    private TableProgressTracker _progress = null!;

    /// <summary>Runs what is missing and collects every cell of <paramref name="table"/>.</summary>
    public TableRun Run(TableDefinition table) => Execute(table, compute: true);

    /// <summary>Collects the stored results of <paramref name="table"/> without running anything.</summary>
    public TableRun Collect(TableDefinition table) => Execute(table, compute: false);

    /// <summary>
    /// The distinct pre-training runs <paramref name="table"/> needs, in table order (each once, however many
    /// experiments share it): those of its experiments whose protocol is in the kit and whose method pre-trains.
    /// With a <paramref name="store"/> and <paramref name="options"/>, only the runs of experiments with no stored result.
    /// A cluster executor makes each of these runs one task (<see cref="PretrainOne"/>), then a table run evaluates them.
    /// </summary>
    public static IReadOnlyList<PretrainSpec> PretrainRuns(TableDefinition table, Catalog catalog, ResultStore? store = null, RunnerOptions? options = null) =>
        [.. table.Experiments
            .Where(s => catalog.Protocols[s.Protocol].IsWired)
            .Where(s => store is null || options is null || store.TryLoad(new ExperimentKey(s, options.Profile, options.Seed, options.Data)) is null)
            .SelectMany(s => s.Pretrains)
            .Where(p => p.Method.Pretrains)
            .Distinct()];

    /// <summary>
    /// Trains (or resumes, or reuses when finished) the one pre-training run of <paramref name="table"/> whose config hash is
    /// <paramref name="hash"/>, in the folder a table run reads it from, under its <see cref="RunLock"/>. Evaluates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The table needs no run with that hash.</exception>
    public PretrainRun PretrainOne(TableDefinition table, string hash)
    {
        options.Validate();
        table.Validate(catalog);
        var specs = PretrainRuns(table, catalog);
        var spec = specs.FirstOrDefault(p => p.Hash == hash)
                   ?? throw new ArgumentException($"table {table.Id} needs no pre-training run {hash}; its runs: {string.Join(", ", specs.Select(p => p.Hash))}");
        using var context = Context(options);
        return pretrain is null ? Pretraining.Run(context, spec) : pretrain(context, spec, null);
    }

    /// <summary>Where the run of <paramref name="spec"/> lives under these options.</summary>
    public string PretrainDirectory(PretrainSpec spec)
    {
        using var context = Context(options);
        return context.PretrainDirectory(spec);
    }

    private TableRun Execute(TableDefinition table, bool compute)
    {
        options.Validate();
        table.Validate(catalog);
        // One context for the table: the device parsed once, each dataset split loaded once for all its experiments.
        using var context = Context(options);
        _progress = new TableProgressTracker(table, catalog, options.Progress, options.Log,
            s => store.TryLoad(new ExperimentKey(s, options.Profile, options.Seed, options.Data)) is not null,
            p => File.Exists(Path.Combine(context.PretrainDirectory(p), PretrainRunFolder.EncoderFile)), compute);
        _progress.Started();
        try
        {
            return Execute(table, compute, context);
        }
        finally
        {
            _pretrained.Clear();
        }
    }

    private TableRun Execute(TableDefinition table, bool compute, ExperimentContext context)
    {
        var records = new Dictionary<ExperimentSpec, ExperimentRecord>();
        List<ExperimentSpec> reused = [], computed = [];
        List<(ExperimentSpec, string)> skipped = [];
        foreach (var spec in table.Experiments)
        {
            var key = new ExperimentKey(spec, options.Profile, options.Seed, options.Data);
            if (store.TryLoad(key) is { } stored)
            {
                records[spec] = stored;
                reused.Add(spec);
                _progress.Reused(spec, stored);
                continue;
            }
            var missing = MissingPart(spec);
            if (!compute || missing is not null)
            {
                skipped.Add((spec, missing ?? "no stored result"));
                _progress.Skipped(spec, missing ?? "no stored result");
                continue;
            }
            // One process evaluates an experiment; another that needs it at the same time waits, then reuses the record.
            var outDir = context.EvaluationDirectory(spec);
            using (RunLock.Acquire(outDir, _progress.WaitLog(spec, options.Log)))
            {
                if (store.TryLoad(key) is { } meanwhile)
                {
                    records[spec] = meanwhile;
                    reused.Add(spec);
                    _progress.Reused(spec, meanwhile);
                    continue;
                }
                // Half-written files of an evaluation or a result that a killed run left.
                AtomicFile.RemoveStale(outDir);
                // Only this key's own leftovers: the results folder is shared by every experiment (and, on a cluster, by
                // writers on other hosts, whose pids mean nothing here), and this lock covers this key alone.
                store.RemoveLeftovers(key);
                _progress.Started(spec);
                records[spec] = RunOne(spec, outDir, context);
                store.Save(records[spec]);
                computed.Add(spec);
                _progress.Finished(spec, records[spec]);
            }
        }
        var rows = (from row in table.Rows
                    from cell in row.Cells
                    where cell.Spec is not null && records.ContainsKey(cell.Spec)
                    select ResultRow.From(table.Id, row.Id, cell.ColumnId, cell.Metric, records[cell.Spec!])).ToList();
        _progress.Finished();
        return new TableRun(rows, reused, computed, skipped);
    }

    private string? MissingPart(ExperimentSpec spec) =>
        catalog.Protocols[spec.Protocol].IsWired ? null : $"protocol {spec.Protocol} is not in the kit yet";

    private ExperimentRecord RunOne(ExperimentSpec spec, string outDir, ExperimentContext context)
    {
        var clock = Stopwatch.StartNew();
        var runs = spec.Pretrains.Select(p => Pretrain(p, context)).ToList();
        var protocol = catalog.Protocols[spec.Protocol].Evaluate!;
        var result = _progress.Evaluate(spec, progress => protocol(new EvaluationRequest(spec, runs, context, outDir) { Progress = progress }));
        var losses = runs.Select(r => new CurveSeries(RunLabel.Of(r.Spec, catalog),
                                                      [.. Enumerable.Range(1, r.LossCurve.Count).Select(e => (double)e)],
                                                      r.LossCurve)).ToList();
        return new ExperimentRecord(spec, spec.Hash, context.Profile, context.Seed, context.Data,
                                    new Dictionary<string, double>(result.Metrics), result.Figures, losses,
                                    Provenance.Capture(options.Device), clock.Elapsed.TotalSeconds);
    }

    private PretrainRun Pretrain(PretrainSpec spec, ExperimentContext context)
    {
        if (_pretrained.TryGetValue(spec, out var done)) return _progress.Pretrain(spec, _ => done);
        var run = _progress.Pretrain(spec, progress => pretrain is null ? Pretraining.Run(context, spec, progress) : pretrain(context, spec, progress));
        return _pretrained[spec] = run;
    }

    /// <summary>The table run's context from its options (the device given by name: "cpu" or "cuda").</summary>
    private static ExperimentContext Context(RunnerOptions options) =>
        new(options.Profile, options.Seed, Devices.Parse(options.Device), options.DataRoot, options.RunsDirectory, options.SyntheticRoot, options.Log)
        {
            Data = options.Data,
        };
}
