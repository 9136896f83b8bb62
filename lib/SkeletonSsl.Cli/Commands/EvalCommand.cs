using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Data.Synthetic;
using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tables;
using SkeletonSsl.Training.Checkpoints;
using TorchSharp;

namespace SkeletonSsl.Cli.Commands;

/// <summary>
/// <c>eval</c>: one protocol of the catalog (linear, knn, semi, finetune, tsne, occlusion, detection, motion-prediction) on any encoder: a run folder
/// of <c>pretrain</c>, a safetensors file, or the authors' released PyTorch checkpoint (its <c>encoder_q.</c>
/// taken without being asked), on a prepared store's split (or the synthetic set). Writes
/// <see cref="ResultFile"/> (metrics and provenance: the weights' SHA-256, the protocol's config, the store's
/// content hash, seed, profile, device, commit, TorchSharp version) and <see cref="FiguresFile"/> into
/// <c>--out</c>, and prints a short summary. Example:
/// <c>eval --protocol linear --weights ntu60_xview_joint.pt --data data/prepared/ntu60-aimclr --split xview --profile paper --out runs/eval-xview-joint</c>
/// </summary>
public sealed class EvalCommand : ICliCommand
{
    public const string ResultFile = "result.json";
    public const string FiguresFile = "figures.html";
    public const string Format = "skeletonssl-eval/1";

    /// <summary>The <c>--weights</c> value that evaluates the catalog's random-init baseline instead of trained weights.</summary>
    public const string RandomInit = "random-init";

    public string Parent => "";

    // The kit's config JSON (snake_case, enums by name), with '+' and quotes left readable.
    private static readonly JsonSerializerOptions Json = new(ConfigJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Command Build()
    {
        var protocol = new Option<string>("--protocol") { Description = $"{string.Join(", ", Protocols)}.", Required = true };
        var weights = new Option<string>("--weights") { Description = $"A pretrain run folder, a .safetensors file, a torch.save (.pt/.pth) checkpoint (e.g. the authors' released one), or {RandomInit} (the seeded random encoder of --encoder at the profile's size: the floor a pre-trained encoder must beat).", Required = true };
        var data = new Option<string>("--data") { Description = "A prepared store folder, or synthetic:smoke / synthetic:quick (generated under data/ when absent).", Required = true };
        var split = new Option<string>("--split") { Description = "The store's split, e.g. xsub, xview, xset (its train part trains, its val part tests).", Required = true };
        var stream = new Option<string?>("--stream") { Description = "joint, bone or motion (default: the run folder's stream, else joint)." };
        var profile = new Option<string>("--profile") { Description = "smoke, quick or paper (the protocol's epochs and schedule).", DefaultValueFactory = _ => "quick" };
        var labelled = new Option<double?>("--labelled") { Description = "semi only: the labelled fraction of the training part, e.g. 0.01 or 0.1." };
        var frozen = new Option<bool>("--frozen-encoder") { Description = "motion-prediction only: train the decoder on a frozen encoder (default: the whole model is fine-tuned)." };
        var encoder = new Option<string?>("--encoder") { Description = "stgcn or gru (default: read off the weights' keys)." };
        var prefix = new Option<string?>("--prefix") { Description = "Key prefix of the encoder in the weights file (default: none for a bare encoder, encoder_q. for a pre-training checkpoint)." };
        var device = new Option<string?>("--device") { Description = "cpu or cuda (default: cuda when available)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the classifier's initialisation and data order.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = $"Output folder ({ResultFile}, {FiguresFile}); a non-empty folder that is not an evaluation's is refused without --force.", Required = true };
        var mode = new Option<string?>("--mode") { Description = "detection only: finetune (the paper: the whole model; default) or linear-only (the released code: a linear layer on the frozen encoder)." };
        var randomInit = new Option<bool>("--random-init") { Description = "With a pretrain run folder: evaluate the run's encoder architecture with freshly initialised weights (seeded by --seed), the random-init control of that run." };
        var force = new Option<bool>("--force") { Description = $"Write into a folder that is not an evaluation's (only {ResultFile} and {FiguresFile} are replaced; nothing else is touched)." };
        var command = new Command("eval", "Evaluate an encoder (run folder, safetensors or PyTorch checkpoint) with one protocol on a prepared store's split.");
        foreach (var o in new Option[] { protocol, weights, data, split, stream, profile, labelled, mode, frozen, encoder, prefix, device, seed, output, randomInit, force })
            command.Options.Add(o);
        command.SetAction(r => CliRun.Guard(() => Run(new Request(
            r.GetValue(protocol)!, r.GetValue(weights)!, r.GetValue(data)!, r.GetValue(split)!, r.GetValue(stream), r.GetValue(profile)!,
            r.GetValue(labelled), r.GetValue(mode), r.GetValue(frozen), r.GetValue(encoder), r.GetValue(prefix), r.GetValue(device), r.GetValue(seed), r.GetValue(output)!, r.GetValue(randomInit), r.GetValue(force)))));
        return command;
    }

    /// <summary>The catalog's protocols that are in the kit.</summary>
    private static IReadOnlyList<string> Protocols { get; } =
        [.. Catalog.Default.Protocols.Values.Where(p => p.IsWired).Select(p => p.Name).Order(StringComparer.Ordinal)];

    private sealed record Request(string Protocol, string Weights, string Data, string Split, string? Stream, string Profile,
                                  double? Labelled, string? Mode, bool FrozenEncoder, string? Encoder, string? Prefix, string? Device, int Seed, string Out, bool RandomInit, bool Force);

    /// <summary>Whether a folder holds nothing but what this command writes (so that it may be written again).</summary>
    public static bool IsResultFolder(string directory) =>
        Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).All(name =>
            name is ResultFile or FiguresFile || (AtomicFile.TryParseLeftover(name!, out var target, out _, out _) && target is ResultFile or FiguresFile));

    private static int Run(Request q)
    {
        var clock = Stopwatch.StartNew();
        // Everything the user typed is checked before anything is read.
        string protocol = q.Protocol.Trim().ToLowerInvariant();
        if (!Protocols.Contains(protocol))
            throw new UsageException($"--protocol {q.Protocol}: expected one of {string.Join(", ", Protocols)}");
        var profile = ParseProfile(q.Profile);
        if (protocol == "semi" && q.Labelled is null)
            throw new UsageException("--protocol semi needs --labelled, the labelled fraction of the training part (e.g. 0.01 or 0.1)");
        if (protocol != "semi" && q.Labelled is not null)
            throw new UsageException($"--labelled applies to --protocol semi, not {protocol}");
        if (protocol != "detection" && q.Mode is not null)
            throw new UsageException($"--mode applies to --protocol detection, not {protocol}");
        if (q.Mode is { } m && m is not ("finetune" or "linear-only"))
            throw new UsageException($"--mode {m}: expected finetune (the paper) or linear-only (the released code)");
        if (q.FrozenEncoder && protocol != "motion-prediction")
            throw new UsageException($"--frozen-encoder applies to --protocol motion-prediction, not {protocol}");
        if (q.Labelled is { } fraction && !(fraction > 0 && fraction <= 1))
            throw new UsageException($"--labelled {fraction.ToString(CultureInfo.InvariantCulture)}: expected a fraction in (0, 1]");
        string? architecture = q.Encoder is null ? null : EncoderOptions.Kind(q.Encoder);
        SkeletonStream? stated = q.Stream is null ? null : PretrainCommand.ParseStream(q.Stream);
        var dev = PretrainCommand.ParseDevice(q.Device);
        OutputGuard.Folder(q.Out, "an evaluation's output", IsResultFolder, q.Force);
        string resultPath = Path.Combine(q.Out, ResultFile);
        OutputGuard.File(resultPath, "an evaluation result", _ => true, q.Force, q.Weights);

        using var source = q.Weights == RandomInit ? RandomEncoder(architecture, q.Prefix, profile, q.Seed)
            : q.RandomInit ? RandomLike(q.Weights, architecture, q.Prefix, q.Seed)
            : OpenWeights(q.Weights, architecture, q.Prefix);
        var stream = source.Stream is { } trained
            ? stated is { } s && s != trained
                ? throw new UsageException($"--stream {Name(s)}: the run folder {q.Weights} was pre-trained on the {Name(trained)} stream ({PretrainRunFolder.ConfigFile})")
                : trained
            : stated ?? SkeletonStream.Joint;

        var recipe = EncoderEvaluation.RecipeOf(source.Architecture);
        if (protocol == "detection") return RunDetection(q, source, stream, recipe, profile, dev, clock);
        var store = PretrainCommand.OpenStore(q.Data, EncoderEvaluation.RecipeMethod(recipe).Pipeline);
        if (!store.Splits.Contains(q.Split))
            throw new DataFormatException(store.Directory, $"no split '{q.Split}' in this {store.Manifest.Dataset} store: it has {string.Join(", ", store.Splits)}", field: "splits");
        var (train, test) = LoadParts(store, q.Split);
        using (train)
        using (test)
        {
            var options = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                // The GRU encoder is the CMD papers' (PCM3, A2MC), evaluated with CMD's recipes.
                ["recipe"] = recipe,
            };
            if (q.Labelled is { } l) options["labelled"] = l.ToString("R", CultureInfo.InvariantCulture);
            if (q.FrozenEncoder) options["encoder"] = "frozen";
            string where = $"{store.Directory} [{q.Split}: {train.Count} train, {test.Count} test clips]";
            Console.Error.WriteLine($"eval {protocol} ({options["recipe"]} recipe) of {q.Weights} [{source.Describe()}] on {where}, stream {Name(stream)}, " +
                                    $"profile {q.Profile.Trim().ToLowerInvariant()}, seed {q.Seed}, device {dev.type.ToString().ToLowerInvariant()}");
            var config = EncoderEvaluation.Config(protocol, options, profile);
            var result = EncoderEvaluation.Run(source.Create, stream, train, test, Catalog.Default.Protocol(protocol), options, profile, q.Seed, dev);

            var data = new JsonObject
            {
                ["store"] = Path.GetFullPath(store.Directory),
                ["dataset"] = store.Manifest.Dataset,
                ["pipeline"] = store.Manifest.Pipeline,
                ["split"] = q.Split,
                ["train_clips"] = train.Count,
                ["test_clips"] = test.Count,
                // The authors' own files are read in place, without a manifest to hash them.
                ["content_hash"] = store.IsAuthorsFiles ? null : store.Manifest.ContentHash,
            };
            return WriteResult(q, protocol, result, options, config, source, stream, data, store.Manifest.Dataset, dev, clock);
        }
    }

    /// <summary>
    /// <c>eval --protocol detection</c>: untrimmed recordings with frame labels (a store of <c>data prepare --pipeline detection</c>,
    /// or synthetic:smoke / synthetic:quick, the synthetic PKU-MMD I recordings), the encoder fine-tuned per PCM3 §4.3 item 4.
    /// </summary>
    private static int RunDetection(Request q, EncoderSource source, SkeletonStream stream, string recipe, Profile profile, torch.Device dev, Stopwatch clock)
    {
        var store = q.Data.StartsWith("synthetic:", StringComparison.OrdinalIgnoreCase)
            ? PreparedStore.Open(SyntheticSets.EnsurePreparedDetection("data", q.Data["synthetic:".Length..].ToLowerInvariant() switch
            {
                "smoke" => SyntheticSize.Smoke,
                "quick" => SyntheticSize.Quick,
                var s => throw new UsageException($"--data synthetic:{s}: expected synthetic:smoke or synthetic:quick"),
            }))
            : PreparedStore.Open(q.Data);
        if (!store.Splits.Contains(q.Split))
            throw new DataFormatException(store.Directory, $"no split '{q.Split}' in this {store.Manifest.Dataset} store: it has {string.Join(", ", store.Splits)}", field: "splits");
        var (train, test) = DetectionSet.Load(store, q.Split);
        using (train)
        using (test)
        {
            var options = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["recipe"] = recipe, ["mode"] = q.Mode ?? "finetune" };
            Console.Error.WriteLine($"eval detection ({options["mode"]}) of {q.Weights} [{source.Describe()}] on {store.Directory} [{q.Split}: {train.Count} train, {test.Count} test recordings], " +
                                    $"stream {Name(stream)}, profile {q.Profile.Trim().ToLowerInvariant()}, seed {q.Seed}, device {dev.type.ToString().ToLowerInvariant()}");
            var config = EncoderEvaluation.Config("detection", options, profile);
            var result = EncoderEvaluation.RunDetection(source.Create, stream, train, test, options, profile, q.Seed, dev);
            var data = new JsonObject
            {
                ["store"] = Path.GetFullPath(store.Directory),
                ["dataset"] = store.Manifest.Dataset,
                ["pipeline"] = store.Manifest.Pipeline,
                ["split"] = q.Split,
                ["train_recordings"] = train.Count,
                ["test_recordings"] = test.Count,
                ["content_hash"] = store.Manifest.ContentHash,
            };
            return WriteResult(q, "detection", result, options, config, source, stream, data, store.Manifest.Dataset, dev, clock);
        }
    }

    /// <summary>Writes result.json (metrics, options, the protocol's config, weights, data, provenance) and figures.html, and prints the metrics.</summary>
    private static int WriteResult(Request q, string protocol, ProtocolResult result, IReadOnlyDictionary<string, string> options, object config,
                                   EncoderSource source, SkeletonStream stream, JsonObject data, string dataset, torch.Device dev, Stopwatch clock)
    {
        string display = Catalog.Default.Protocol(protocol).Display;
        var record = new JsonObject
        {
            ["format"] = Format,
            ["protocol"] = protocol,
            ["protocol_display"] = display,
            ["metrics"] = new JsonObject(result.Metrics.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)JsonValue.Create(m.Value)))),
            ["protocol_options"] = new JsonObject(options.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)JsonValue.Create(o.Value)))),
            ["protocol_config"] = Node(config),
            ["weights"] = source.Record(q.Weights),
            ["stream"] = Name(stream),
            ["data"] = data,
            ["seed"] = q.Seed,
            ["profile"] = q.Profile.Trim().ToLowerInvariant(),
            ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
            ["provenance"] = Node(Provenance.Capture(dev.type.ToString().ToLowerInvariant())),
        };
        Directory.CreateDirectory(q.Out);
        if (result.Figures.Count > 0) Figures(display, q, stream, result).Save(Path.Combine(q.Out, FiguresFile));
        string resultPath = Path.Combine(q.Out, ResultFile);
        AtomicFile.WriteAllText(resultPath, record.ToJsonString(Json));
        Console.WriteLine($"{display} of {q.Weights} ({Name(stream)}) on {dataset} {q.Split}: {string.Join(", ", result.Metrics.Select(m => Describe(m.Key, m.Value)))}");
        Console.WriteLine($"result: {resultPath}");
        return 0;
    }

    /// <summary>The encoder to evaluate: a run folder's final encoder (its stream known), a weights file, or none (random init).</summary>
    private abstract record EncoderSource(string Kind, SkeletonStream? Stream) : IDisposable
    {
        public abstract string Architecture { get; }
        public abstract SkeletonEncoder Create(torch.Device device);
        public abstract string Describe();
        public abstract JsonObject Record(string argument);
        public virtual void Dispose() { }
    }

    private sealed record WeightsSource(EncoderWeights Weights, string Kind, SkeletonStream? Stream) : EncoderSource(Kind, Stream)
    {
        public override string Architecture => Weights.Architecture;
        public override SkeletonEncoder Create(torch.Device device) => Weights.Create(device, withHead: false);
        public override string Describe() =>
            $"{Weights.Architecture}, {Weights.Report.Loaded.Count} tensors{(Weights.Prefix.Length > 0 ? $" under '{Weights.Prefix}'" : "")}";
        public override JsonObject Record(string argument) => new()
        {
            ["path"] = Path.GetFullPath(argument),
            ["kind"] = Kind,
            ["file"] = Path.GetFullPath(Weights.Source),
            ["sha256"] = PreparedStoreWriter.Sha256(Weights.Source),
            ["prefix"] = Weights.Prefix,
            ["encoder"] = Weights.Architecture,
            ["encoder_config"] = Node(Weights.Config),
            ["tensors_loaded"] = Weights.Report.Loaded.Count,
        };
        public override void Dispose() => Weights.Dispose();
    }

    /// <summary>The catalog's random-init baseline on one encoder: its reference initialisation at the profile's size, seeded.</summary>
    private sealed record RandomSource(EncoderConfig Encoder, int Seed, SkeletonStream? Stream = null, string? Like = null) : EncoderSource(RandomInit, Stream)
    {
        public override string Architecture => Encoder.Kind;
        public override SkeletonEncoder Create(torch.Device device)
        {
            using var generator = new torch.Generator((ulong)Seed);
            var encoder = Encoder.Build(generator);
            encoder.to(device);
            return encoder;
        }
        public override string Describe() => $"{Encoder.Kind}, random initialisation, seed {Seed}{(Like is null ? "" : $", the architecture of {Like}")}";
        public override JsonObject Record(string argument) => new()
        {
            ["kind"] = Kind,
            ["architecture_of"] = Like is null ? null : Path.GetFullPath(Like),
            ["encoder"] = Encoder.Kind,
            ["encoder_config"] = Node(Encoder),
            ["init_seed"] = Seed,
        };
    }

    /// <summary>The random-init control of a run: its encoder config, freshly initialised.</summary>
    private static RandomSource RandomLike(string path, string? architecture, string? prefix, int seed)
    {
        if (!Directory.Exists(path)) throw new UsageException($"--random-init applies to a pretrain run folder; {path} is not a folder (for a bare encoder use --weights {RandomInit} --encoder E)");
        if (prefix is not null) throw new UsageException($"--prefix applies to a weights file; the run folder {path} holds a bare encoder");
        var config = PretrainRunFolder.ReadConfig(path);
        var encoder = config.Method.TrainedEncoder;
        if (architecture is not null && architecture != encoder.Kind)
            throw new UsageException($"--encoder {architecture}: the run folder {path} holds a {encoder.Kind} encoder ({PretrainRunFolder.ConfigFile})");
        return new RandomSource(encoder, seed, config.Stream, path);
    }

    private static RandomSource RandomEncoder(string? architecture, string? prefix, Profile profile, int seed)
    {
        if (architecture is null) throw new UsageException($"--weights {RandomInit} needs --encoder, the encoder to initialise ({string.Join(" or ", Catalog.Default.Method(RandomInit).Encoders)})");
        if (prefix is not null) throw new UsageException($"--prefix applies to a weights file, not to --weights {RandomInit}");
        var entry = Catalog.Default.Method(RandomInit);
        if (!entry.Encoders.Contains(architecture))
            throw new UsageException($"--encoder {architecture}: the random-init baseline has presets for {string.Join(" or ", entry.Encoders)}");
        return new RandomSource(entry.On(architecture).For(profile).TrainedEncoder, seed);
    }

    private static EncoderSource OpenWeights(string path, string? architecture, string? prefix)
    {
        if (Directory.Exists(path))
        {
            if (prefix is not null) throw new UsageException($"--prefix applies to a weights file; the run folder {path} holds a bare encoder");
            var (file, encoder, stream) = EncoderEvaluation.RunFolder(path);
            if (architecture is not null && architecture != encoder.Kind)
                throw new UsageException($"--encoder {architecture}: the run folder {path} holds a {encoder.Kind} encoder ({PretrainRunFolder.ConfigFile})");
            // The run's own encoder config fills in what shapes cannot show (strides, dropout).
            return new WeightsSource(EncoderWeights.Read(file, encoder.Kind, "", encoder as StGcnConfig, encoder as GruEncoderConfig), "run-folder", stream);
        }
        var weights = EncoderWeights.Read(path, architecture, prefix);
        return new WeightsSource(weights, CheckpointFile.Detect(path) == CheckpointFile.Format.SafeTensors ? "safetensors" : "pytorch", null);
    }

    private static (SkeletonDataset Train, SkeletonDataset Test) LoadParts(PreparedStore store, string split)
    {
        var parts = store.Manifest.Split(split).Parts.Select(p => p.Name).ToList();
        foreach (var part in new[] { "train", "val" })
            if (!parts.Contains(part))
                throw new DataFormatException(store.Directory, $"split '{split}' has no {part} part (it has {string.Join(", ", parts)}): evaluation trains on train and tests on val", field: "splits");
        return store.LoadTrainAndVal(split);
    }

    private static ReportPage Figures(string display, Request q, SkeletonStream stream, ProtocolResult result)
    {
        var page = new ReportPage($"{display}: {Path.GetFileName(Path.TrimEndingDirectorySeparator(q.Weights))}")
            .Facts([("weights", q.Weights), ("data", $"{q.Data} {q.Split}"), ("stream", Name(stream)), ("profile", q.Profile), ("seed", q.Seed.ToString(CultureInfo.InvariantCulture)),
                    .. result.Metrics.Select(m => (m.Key, Describe(m.Key, m.Value)))]);
        foreach (var figure in result.Figures) page.Chart(Charts.Of(figure));
        return page;
    }

    private static Profile ParseProfile(string text)
    {
        try { return Profiles.Parse(text); }
        catch (ArgumentException) { throw new UsageException($"--profile {text}: expected smoke, quick or paper"); }
    }

    private static JsonNode? Node<T>(T value) => JsonNode.Parse(JsonSerializer.Serialize(value, value!.GetType(), Json));

    private static string Describe(string metric, double value) => metric switch
    {
        "top1" or "top5" or "final-top1" or "map-a" or "map-v" or "map-a-voc" or "frame-accuracy" => string.Create(CultureInfo.InvariantCulture, $"{metric} {value:F2} %"),
        "proposals" or "ground-truth" => string.Create(CultureInfo.InvariantCulture, $"{metric} {value:F0}"),
        "best-epoch" or "train-clips" or "test-clips" or "excluded-test-clips" => string.Create(CultureInfo.InvariantCulture, $"{metric} {value:F0}"),
        _ when metric.StartsWith("mpjpe", StringComparison.Ordinal) || metric.StartsWith("zero-velocity", StringComparison.Ordinal)
            => string.Create(CultureInfo.InvariantCulture, $"{metric} {value:F1} mm"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{metric} {value:F4}"),
    };

    private static string Name(SkeletonStream stream) => stream.ToString().ToLowerInvariant();
}
