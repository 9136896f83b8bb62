using System.Diagnostics;
using SkeletonSsl.Methods.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Training;

/// <summary>
/// The pre-training loop shared by every method (SkeletonCLR, AimCLR, PCM3, A2MC): shuffled
/// drop-last batches from an in-memory tensor, one dispose scope per step, SGD with momentum,
/// weight decay and optional Nesterov, a per-epoch step schedule, a non-finite-loss guard,
/// metrics.csv, atomic resumable checkpoints (model, optimiser, queue, epoch, random states) and
/// progress reports. On the CPU a resumed run reproduces the losses of an uninterrupted one.
/// </summary>
public sealed class Trainer
{
    public const string CheckpointFolder = "checkpoints";

    private readonly IPretrainMethod _method;
    private readonly TrainingConfig _config;
    private readonly Device _device;
    private readonly string _runDirectory;
    private readonly string _configHash;
    private readonly Generator _generator;

    /// <param name="generator">The run's CPU generator: data order and every random draw of the method's steps.</param>
    /// <param name="configHash">Written into checkpoints; a resume with another hash is refused.</param>
    public Trainer(IPretrainMethod method, TrainingConfig config, Device device, string runDirectory, Generator generator, string configHash = "")
    {
        config.Validate();
        _method = method;
        _config = config;
        _device = device;
        _runDirectory = runDirectory;
        _generator = generator;
        _configHash = configHash;
    }

    public string CheckpointDirectory => Path.Combine(_runDirectory, CheckpointFolder);

    /// <summary>The epochs finished so far (resumed ones included): what run.json records however the run stops.</summary>
    public int EpochsDone { get; private set; }

    /// <summary>
    /// Trains on <paramref name="clips"/> (N, C, T, V, M) float32 on the CPU, whose clip n has
    /// <paramref name="frames"/>[n] valid frames (<see cref="Data.SkeletonDataset.Frames"/>); each batch carries them. With
    /// <paramref name="resume"/>, continues after the newest checkpoint (a no-op when it already
    /// holds the last epoch). Returns the metrics of the epochs run by this call.
    /// </summary>
    /// <param name="epochEnded">Called after each epoch's metrics row and checkpoint are on disk.</param>
    public IReadOnlyList<EpochMetrics> Run(Tensor clips, long[] frames, bool resume = false, IProgress<PretrainProgress>? progress = null,
                                            CancellationToken cancellation = default, Action<EpochMetrics>? epochEnded = null)
    {
        if (clips.dim() != 5) throw new ArgumentException($"clips must be (N, C, T, V, M), got {clips.dim()} dimensions", nameof(clips));
        long count = clips.shape[0];
        if (frames.Length != count) throw new ArgumentException($"{frames.Length} frame counts for {count} clips", nameof(frames));
        int steps = (int)(count / _config.BatchSize);                                  // drop_last
        if (steps == 0) throw new ArgumentException($"the training set has {count} clips, fewer than one batch of {_config.BatchSize}");
        Directory.CreateDirectory(_runDirectory);

        var module = _method.Module;
        module.train();
        var parameters = _method.TrainableParameters().Where(p => p.requires_grad).ToList();
        using var optimizer = optim.SGD(parameters, _config.LearningRate, momentum: _config.Momentum,
                                        weight_decay: _config.WeightDecay, nesterov: _config.Nesterov);
        var schedule = MultiStepSchedule.From(_config);
        var metrics = new MetricsLog(_runDirectory);

        int startEpoch = 1;
        long globalStep = 0;
        string? lastCheckpoint = null;
        EpochsDone = 0;
        if (resume && PretrainCheckpoint.Latest(CheckpointDirectory) is { } latest)
        {
            var header = PretrainCheckpoint.ReadInfo(latest);
            if (_configHash.Length > 0 && header.ConfigHash.Length > 0 && header.ConfigHash != _configHash)
                throw new ArgumentException($"{latest} was written by a run with config {header.ConfigHash}, not {_configHash}: resume needs the same settings");
            var info = PretrainCheckpoint.Load(latest, module, optimizer);
            _generator.set_state(tensor(Convert.FromBase64String(info.GeneratorState)));
            torch.set_rng_state(tensor(Convert.FromBase64String(info.TorchRngState)));
            startEpoch = info.Epoch + 1;
            globalStep = info.GlobalStep;
            lastCheckpoint = latest;
            metrics.RestoreUpTo(info.Epoch);
            EpochsDone = info.Epoch;
        }

        var results = new List<EpochMetrics>();
        for (int epoch = startEpoch; epoch <= _config.Epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            double lr = schedule.RateAt(epoch);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
            _method.OnEpochStart(epoch);

            var clock = Stopwatch.StartNew();
            using var order = randperm(count, generator: _generator);
            var orderValues = order.data<long>().ToArray();
            double lossSum = 0;
            var termSums = new List<KeyValuePair<string, double>>();
            for (int step = 0; step < steps; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var indices = orderValues.AsSpan(step * _config.BatchSize, _config.BatchSize).ToArray();
                using var index = tensor(indices);
                var batch = clips.index_select(0, index).to(_device);
                var context = new StepContext(epoch, step, globalStep, lr, _device, _generator);
                var output = _method.Step(new PretrainBatch(batch, indices.Select(i => frames[i]).ToArray(), indices), context);

                // One device→host copy per step: the loss and every term.
                var values = stack(output.Terms.Select(t => t.Value.detach().reshape(1).to(ScalarType.Float64))
                                        .Prepend(output.Loss.detach().reshape(1).to(ScalarType.Float64)).ToArray())
                             .cpu().data<double>().ToArray();
                if (!double.IsFinite(values[0]))
                    throw new NonFiniteLossException(epoch, step + 1, values[0], lastCheckpoint,
                        string.Join(", ", output.Terms.Select((t, i) => $"{t.Key} = {values[i + 1]:G4}")), _runDirectory);

                optimizer.zero_grad();
                output.Loss.backward();
                optimizer.step();
                _method.AfterOptimizerStep(context);
                globalStep++;

                lossSum += values[0];
                for (int i = 0; i < output.Terms.Count; i++)
                {
                    if (termSums.Count <= i) termSums.Add(new(output.Terms[i].Key, 0));
                    termSums[i] = new(termSums[i].Key, termSums[i].Value + values[i + 1]);
                }
                progress?.Report(new PretrainProgress(epoch, _config.Epochs, step + 1, steps, values[0], lr,
                    (step + 1) * (double)_config.BatchSize / Math.Max(clock.Elapsed.TotalSeconds, 1e-9),
                    [.. output.Terms.Select((t, i) => new KeyValuePair<string, double>(t.Key, values[i + 1]))]));
            }

            double seconds = clock.Elapsed.TotalSeconds;
            var row = new EpochMetrics(epoch, lr, lossSum / steps,
                termSums.Select(t => new KeyValuePair<string, double>(t.Key, t.Value / steps)).ToList(),
                steps * (double)_config.BatchSize / seconds, seconds);
            metrics.Append(row);
            results.Add(row);
            EpochsDone = epoch;

            if (epoch % _config.CheckpointEvery == 0 || epoch == _config.Epochs)
                lastCheckpoint = SaveCheckpoint(epoch, globalStep, module, optimizer);
            epochEnded?.Invoke(row);
        }
        return results;
    }

    private string SaveCheckpoint(int epoch, long globalStep, nn.Module module, optim.Optimizer optimizer)
    {
        using var generatorState = _generator.get_state();
        using var torchState = torch.get_rng_state();
        var info = new CheckpointInfo(epoch, globalStep, _configHash,
            Convert.ToBase64String(generatorState.data<byte>().ToArray()),
            Convert.ToBase64String(torchState.data<byte>().ToArray()),
            DateTimeOffset.UtcNow);
        var path = PretrainCheckpoint.Save(Path.Combine(CheckpointDirectory, PretrainCheckpoint.FileName(epoch)), info, module, optimizer);
        if (_config.KeepCheckpoints > 0)
        {
            var all = PretrainCheckpoint.All(CheckpointDirectory);
            foreach (var old in all.Take(Math.Max(0, all.Count - _config.KeepCheckpoints)).Where(p => p != path))
                File.Delete(old);
        }
        return path;
    }
}
