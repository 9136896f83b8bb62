using SkeletonSsl.Evaluation;
using SkeletonSsl.Reporting;
using SkeletonSsl.Tables;
using SkeletonSsl.Training;
using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>
/// Turns what a <see cref="Runner"/> does into <see cref="TableProgress"/> reports: it keeps the state of
/// every experiment, relays the trainer's and the protocols' reports as snapshots, and estimates the time
/// left. The Runner only tells it what starts and ends (a few calls); the estimate's logic lives here.
/// <para>
/// The estimate: a pre-training run's time left is its steps left over the steps/s measured so far in this
/// process (none before two steps are in); a run not started yet is assumed to take as long as the mean of
/// the runs trained here (or the projected length of the one in flight), an evaluation as long as the
/// evaluations timed here. Runs whose folder already holds a finished encoder count as free. Until an
/// evaluation has been timed the estimate leaves evaluations out and says so (<see cref="TableProgress.RemainingIsPartial"/>).
/// </para>
/// Without a sink it writes its milestones to <paramref name="log"/> as plain lines instead (<see cref="TableProgressText.Line"/>).
/// </summary>
/// <param name="table">The table being run.</param>
/// <param name="catalog">For labels and for what is runnable.</param>
/// <param name="sink">Where reports go, or null.</param>
/// <param name="log">Plain lines when there is no sink, or null.</param>
/// <param name="isStored">Whether an experiment's result is stored already (not to be counted as work left).</param>
/// <param name="isPretrained">Whether a pre-training run's folder holds a finished run (free to reuse).</param>
/// <param name="compute">False when the run only collects stored results.</param>
/// <param name="time">The clock (default: the system's; tests pass a manual one).</param>
public sealed class TableProgressTracker(TableDefinition table, Catalog catalog, IProgress<TableProgress>? sink, Action<string>? log,
                                         Func<ExperimentSpec, bool> isStored, Func<PretrainSpec, bool> isPretrained, bool compute = true,
                                         TimeProvider? time = null)
{
    private readonly object _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private Clock? _table;
    private readonly List<ExperimentSpec> _specs = [.. table.Experiments];
    private readonly ExperimentProgress[] _experiments = [.. table.Experiments.Select((s, i) => new ExperimentProgress(i + 1, RunLabel.Of(s, catalog), s, ExperimentState.Pending))];
    private readonly HashSet<PretrainSpec> _pretrainedHere = [];
    private readonly List<double> _trainedSeconds = [], _evaluationSeconds = [];
    private HashSet<ExperimentSpec>? _stored;
    private int _current = -1;
    private PretrainRunStatus? _pretraining;
    private EvaluationStatus? _evaluation;
    private Clock? _runClock, _experimentClock, _evaluationClock;
    private (long Position, double Seconds)? _firstStep;
    private bool _stepped;
    private int _epoch, _epochSteps;
    private double _epochLoss;
    private double[] _epochTerms = [];

    /// <summary>Reports the table's start (every experiment pending).</summary>
    public void Started()
    {
        lock (_gate)
        {
            _table = Start();
            _stored = [.. _specs.Where(isStored)];
            Emit(TableProgressKind.TableStarted);
        }
    }

    /// <summary>A stored result was reused (found before, or after waiting for another process).</summary>
    public void Reused(ExperimentSpec spec, ExperimentRecord record) =>
        Set(spec, ExperimentState.Reused, TableProgressKind.ExperimentReused, e => e with { Metrics = record.Metrics });

    /// <summary>Not run, with the reason.</summary>
    public void Skipped(ExperimentSpec spec, string reason) =>
        Set(spec, ExperimentState.Skipped, TableProgressKind.ExperimentSkipped, e => e with { Reason = reason });

    /// <summary>Computing starts (the experiment's lock is held).</summary>
    public void Started(ExperimentSpec spec)
    {
        lock (_gate) _experimentClock = Start();
        Set(spec, ExperimentState.Running, TableProgressKind.ExperimentStarted, e => e);
    }

    /// <summary>Computed and stored.</summary>
    public void Finished(ExperimentSpec spec, ExperimentRecord record)
    {
        double seconds;
        lock (_gate)
        {
            seconds = _experimentClock?.Elapsed.TotalSeconds ?? record.WallSeconds;
            _pretraining = null;
            _evaluation = null;
        }
        Set(spec, ExperimentState.New, TableProgressKind.ExperimentFinished, e => e with { Metrics = record.Metrics, Seconds = seconds });
    }

    /// <summary>
    /// The log to hand to the experiment's <see cref="RunLock"/>: the first line it hears (another process
    /// holds the lock) marks the experiment waiting; every line is passed on to <paramref name="next"/>.
    /// </summary>
    public Action<string> WaitLog(ExperimentSpec spec, Action<string>? next) => line =>
    {
        Set(spec, ExperimentState.Waiting, TableProgressKind.ExperimentWaiting, e => e);
        next?.Invoke(line);
    };

    /// <summary>Runs one pre-training run of the current experiment, relaying the trainer's per-step reports.</summary>
    public PretrainRun Pretrain(PretrainSpec spec, Func<IProgress<PretrainProgress>, PretrainRun> run)
    {
        lock (_gate)
        {
            var runs = _current >= 0 ? _specs[_current].Pretrains.ToList() : [spec];
            _pretraining = new PretrainRunStatus(RunLabel.Of(spec, catalog), spec, runs.IndexOf(spec) + 1, runs.Count);
            _runClock = Start();
            _firstStep = null;
            _stepped = false;
            _epoch = 0;
            Emit(TableProgressKind.PretrainStarted);
        }
        var result = run(new Relay<PretrainProgress>(Step));
        bool reused = !_stepped && result.Checkpoint is not null;            // a random-init run has no checkpoint and trains nothing
        lock (_gate)
        {
            _pretrainedHere.Add(spec);
            if (_pretraining is { } p)
            {
                if (_stepped) _trainedSeconds.Add(_runClock!.Elapsed.TotalSeconds);
                _pretraining = p with { Elapsed = _runClock!.Elapsed, Remaining = TimeSpan.Zero, Reused = reused };
                Emit(TableProgressKind.PretrainFinished);
            }
        }
        return result;
    }

    /// <summary>Runs the current experiment's evaluation, relaying the protocol's reports.</summary>
    public ProtocolResult Evaluate(ExperimentSpec spec, Func<IProgress<EvaluationProgress>, ProtocolResult> evaluate)
    {
        lock (_gate)
        {
            _pretraining = null;
            _evaluation = new EvaluationStatus(RunLabel.Protocol(spec.Protocol, catalog));
            _evaluationClock = Start();
            Emit(TableProgressKind.EvaluationStarted);
        }
        var result = evaluate(new Relay<EvaluationProgress>(Step));
        lock (_gate)
        {
            _evaluationSeconds.Add(_evaluationClock!.Elapsed.TotalSeconds);
            _evaluation = null;
        }
        return result;
    }

    /// <summary>Reports the end of the table run.</summary>
    public void Finished()
    {
        lock (_gate)
        {
            _current = -1;
            _pretraining = null;
            _evaluation = null;
            Emit(TableProgressKind.TableFinished);
        }
    }

    private void Step(PretrainProgress p)
    {
        lock (_gate)
        {
            if (_pretraining is null || _runClock is null) return;
            _stepped = true;
            double now = _runClock.Elapsed.TotalSeconds;
            long position = (long)(p.Epoch - 1) * p.StepsPerEpoch + p.Step, total = (long)p.Epochs * p.StepsPerEpoch;
            _firstStep ??= (position, now);
            var terms = p.Terms ?? [];
            if (p.Epoch != _epoch || _epochTerms.Length != terms.Count) (_epoch, _epochSteps, _epochLoss, _epochTerms) = (p.Epoch, 0, 0, new double[terms.Count]);
            _epochSteps++;
            _epochLoss += p.Loss;
            for (int i = 0; i < terms.Count; i++) _epochTerms[i] += terms[i].Value;
            TimeSpan? remaining = null;
            if (position > _firstStep.Value.Position && now > _firstStep.Value.Seconds)
            {
                double stepsPerSecond = (position - _firstStep.Value.Position) / (now - _firstStep.Value.Seconds);
                remaining = TimeSpan.FromSeconds(Math.Max(0, total - position) / stepsPerSecond);
            }
            _pretraining = _pretraining with
            {
                Epoch = p.Epoch, Epochs = p.Epochs, Step = p.Step, StepsPerEpoch = p.StepsPerEpoch, Loss = p.Loss,
                Terms = terms, EpochLoss = _epochLoss / _epochSteps,
                EpochTerms = [.. terms.Select((t, i) => new KeyValuePair<string, double>(t.Key, _epochTerms[i] / _epochSteps))], SamplesPerSecond = p.SamplesPerSecond, Elapsed = _runClock.Elapsed, Remaining = remaining,
            };
            Emit(p.Step == p.StepsPerEpoch ? TableProgressKind.PretrainEpoch : TableProgressKind.PretrainStep);
        }
    }

    private void Step(EvaluationProgress p)
    {
        lock (_gate)
        {
            if (_evaluation is null) return;
            _evaluation = _evaluation with
            {
                Stream = p.Stream is { } s ? SpecText.Stream(s) : _evaluation.Stream,
                Stage = p.Stage, Step = p.Step, Steps = p.Steps, Loss = p.Loss, Top1 = p.Top1, Elapsed = _evaluationClock!.Elapsed,
            };
            Emit(TableProgressKind.EvaluationStep);
        }
    }

    private void Set(ExperimentSpec spec, ExperimentState state, TableProgressKind kind, Func<ExperimentProgress, ExperimentProgress> change)
    {
        lock (_gate)
        {
            _current = _specs.IndexOf(spec);
            if (_current < 0) return;
            _experiments[_current] = change(_experiments[_current]) with { State = state };
            Emit(kind);
        }
    }

    private void Emit(TableProgressKind kind)
    {
        if (sink is null && log is null) return;
        var snapshot = Snapshot(kind);
        if (sink is not null) sink.Report(snapshot);
        else if (TableProgressText.Line(snapshot) is { } line) log!.Invoke(line);
    }

    private TableProgress Snapshot(TableProgressKind kind)
    {
        var (remaining, partial) = kind == TableProgressKind.TableFinished ? (TimeSpan.Zero, false) : Estimate();
        return new TableProgress(kind, table.Id, table.Title, [.. _experiments], _current, _pretraining, _evaluation,
                                 _table?.Elapsed ?? TimeSpan.Zero, remaining, partial);
    }

    /// <summary>The time left for the table (see the class remarks), or null while nothing needed has been measured.</summary>
    private (TimeSpan? Remaining, bool Partial) Estimate()
    {
        if (!compute) return (TimeSpan.Zero, false);
        var left = _experiments.Where((e, i) => e.State is ExperimentState.Running or ExperimentState.Waiting
                                                || (e.State == ExperimentState.Pending && !(_stored?.Contains(_specs[i]) ?? false)))
                               .Select(e => e.Spec)
                               .Where(s => catalog.Protocols[s.Protocol].IsWired).ToList();
        var inFlight = _pretraining is { Reused: false } && _pretraining.Remaining != TimeSpan.Zero ? _pretraining : null;
        var runsLeft = left.SelectMany(s => s.Pretrains).Distinct()
                           .Count(p => !_pretrainedHere.Contains(p) && p != inFlight?.Spec && !isPretrained(p));

        double? runSeconds = _trainedSeconds.Count > 0 ? _trainedSeconds.Average()
            : inFlight?.Remaining is { } projected ? (inFlight.Elapsed + projected).TotalSeconds : null;
        double seconds = 0;
        if (inFlight is not null)
        {
            if (inFlight.Remaining is not { } r) return (null, false);
            seconds += r.TotalSeconds;
        }
        if (runsLeft > 0)
        {
            if (runSeconds is null) return (null, false);
            seconds += runsLeft * runSeconds.Value;
        }
        bool partial = false;
        if (left.Count > 0)
        {
            if (_evaluationSeconds.Count == 0) partial = true;
            else
            {
                double evaluation = _evaluationSeconds.Average();
                seconds += left.Count * evaluation;
                if (_evaluation is not null) seconds -= Math.Min(evaluation, _evaluation.Elapsed.TotalSeconds);
            }
        }
        return (TimeSpan.FromSeconds(Math.Max(0, seconds)), partial);
    }

    private Clock Start() => new(_time, _time.GetTimestamp());

    private sealed class Clock(TimeProvider time, long start)
    {
        public TimeSpan Elapsed => time.GetElapsedTime(start);
    }

    /// <summary>A synchronous <see cref="IProgress{T}"/> (unlike <see cref="Progress{T}"/>, which posts to a context).</summary>
    private sealed class Relay<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
