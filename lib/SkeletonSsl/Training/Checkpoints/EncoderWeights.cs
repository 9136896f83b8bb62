using SkeletonSsl.Data;
using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Encoders.StGcn;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Training.Checkpoints;

/// <summary>
/// The one loader of encoder weights from a file: a safetensors file (the kit's <c>encoder.safetensors</c>,
/// or one written by the <c>safetensors</c> package) or a <c>torch.save</c> zip such as the authors' released
/// AimCLR checkpoints, read without running code (<see cref="CheckpointFile"/>). The architecture is read off
/// the tensor shapes (<see cref="EncoderCheckpointShapes"/>); a whole pre-training checkpoint (MoCo's
/// <c>encoder_q.*</c>, <c>encoder_k.*</c>, <c>queue</c>, ...) gives up its query encoder without being told
/// (<see cref="DetectPrefix"/>), and a leading <c>module.</c> (DataParallel) is always stripped. The tensors stay
/// in memory, so <see cref="Create"/> can build as many fresh copies as protocols that fine-tune need.
/// Used by <c>model embed</c> and <c>eval</c>.
/// </summary>
public sealed class EncoderWeights : IDisposable
{
    /// <summary>The query encoder's key prefix in MoCo-style pre-training checkpoints (SkeletonCLR, AimCLR, CMD).</summary>
    public const string QueryPrefix = "encoder_q.";

    /// <summary>The architectures the kit reads: AimCLR's ST-GCN and the CMD GRU encoder.</summary>
    public static IReadOnlyList<string> Architectures { get; } = ["stgcn", "gru"];

    // The key each architecture's state dict has for certain (block 0 / layer 0), prefix removed.
    private static readonly Dictionary<string, string> MarkerKeys = new()
    {
        ["stgcn"] = "st_gcn_networks.0.tcn.2.weight",
        ["gru"] = "encoder.gru.weight_hh_l0",
    };

    private readonly Dictionary<string, Tensor> _tensors;

    private EncoderWeights(string source, Dictionary<string, Tensor> tensors, string prefix, string architecture,
                           StGcnConfig? stGcn, GruEncoderConfig? gru, StateDictLoadReport report, bool hasHead)
    {
        HasHead = hasHead;
        Source = source;
        _tensors = tensors;
        Prefix = prefix;
        Architecture = architecture;
        StGcn = stGcn;
        Gru = gru;
        Report = report;
    }

    /// <summary>The file the weights were read from.</summary>
    public string Source { get; }

    /// <summary>The key prefix that selected the encoder ("" for a bare encoder state dict, e.g. <c>encoder_q.</c>).</summary>
    public string Prefix { get; }

    /// <summary>"stgcn" or "gru".</summary>
    public string Architecture { get; }

    /// <summary>The ST-GCN the shapes describe (null for a GRU).</summary>
    public StGcnConfig? StGcn { get; }

    /// <summary>The GRU encoder the shapes describe (null for an ST-GCN).</summary>
    public GruEncoderConfig? Gru { get; }

    /// <summary>The encoder's configuration (an <see cref="StGcnConfig"/> or a <see cref="GruEncoderConfig"/>).</summary>
    public object Config => (object?)StGcn ?? Gru!;

    /// <summary>Whether the file holds the encoder's head (<c>fc.*</c>) besides its backbone.</summary>
    public bool HasHead { get; }

    /// <summary>What loading the backbone (and the head, when there) did, checked when the file was read.</summary>
    public StateDictLoadReport Report { get; }

    /// <summary>
    /// Reads a weights file and checks that it makes a whole encoder: every backbone and head tensor present
    /// with the module's shape, nothing left over under the prefix.
    /// </summary>
    /// <param name="path">A .safetensors file or a torch.save zip.</param>
    /// <param name="architecture">"stgcn" or "gru"; null reads it off the keys.</param>
    /// <param name="prefix">The key prefix to select and strip; null detects it (<see cref="DetectPrefix"/>).</param>
    /// <param name="stGcnBaseline">What ST-GCN shapes cannot show (strides, dropout, init); AimCLR's by default.</param>
    /// <param name="gruBaseline">What GRU shapes cannot show; CMD's by default.</param>
    /// <exception cref="DataFormatException">The file holds no encoder of the architecture under the prefix, or its shapes describe none.</exception>
    /// <exception cref="CheckpointMismatchException">The tensors do not fit the encoder their shapes describe; the message names every key.</exception>
    public static EncoderWeights Read(string path, string? architecture = null, string? prefix = null,
                                      StGcnConfig? stGcnBaseline = null, GruEncoderConfig? gruBaseline = null)
    {
        if (architecture is not null && !MarkerKeys.ContainsKey(architecture))
            throw new ArgumentException($"unknown encoder architecture '{architecture}': expected {string.Join(" or ", Architectures)}", nameof(architecture));
        var tensors = CheckpointFile.ReadTensors(path);
        try
        {
            var keys = tensors.Keys.Select(StripModule).ToList();
            architecture ??= DetectArchitecture(keys, path);
            try { prefix ??= DetectPrefix(keys, architecture) ?? ""; }
            catch (ArgumentException e) { throw new DataFormatException(path, e.Message, field: "state dict", inner: e); }
            var keyed = tensors
                .Select(kv => (Key: StripModule(kv.Key), kv.Value))
                .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
            if (keyed.Count == 0)
                throw new DataFormatException(path, $"no tensor key starts with the prefix '{prefix}'; first keys: {string.Join(", ", tensors.Keys.Take(5))}");
            StGcnConfig? stGcn = null;
            GruEncoderConfig? gru = null;
            try
            {
                if (architecture == "stgcn") (stGcn = EncoderCheckpointShapes.InferStGcn(keyed, stGcnBaseline)).Validate();
                else (gru = EncoderCheckpointShapes.InferGru(keyed, gruBaseline)).Validate();
            }
            catch (ArgumentException e)
            {
                throw new DataFormatException(path, $"cannot infer the {architecture} encoder from this checkpoint (prefix '{prefix}'): {e.Message}", field: "state dict", inner: e);
            }
            // A backbone saved without its head is still an encoder to evaluate; a head, when there, must fit too.
            bool hasHead = keyed.Keys.Any(k => k.StartsWith("fc.", StringComparison.Ordinal));
            using var check = Build(stGcn, gru, null);
            var report = StateDictLoader.Load(check, tensors, new StateDictLoadOptions { Prefix = prefix, Ignore = hasHead ? [] : ["fc."] }, path);
            return new EncoderWeights(path, tensors, prefix, architecture, stGcn, gru, report, hasHead);
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The key prefix of <paramref name="architecture"/>'s encoder among <paramref name="keys"/> (<c>module.</c>
    /// already stripped): "" when the keys are a bare encoder's, <see cref="QueryPrefix"/> when a pre-training
    /// checkpoint holds a query encoder (its momentum twin <c>encoder_k.</c> is never chosen over it), else the one
    /// prefix there is; null when there is none.
    /// </summary>
    /// <exception cref="DataFormatException">Several encoders and none of them the query encoder: the caller must name one.</exception>
    public static string? DetectPrefix(IReadOnlyCollection<string> keys, string architecture)
    {
        string marker = MarkerKeys[architecture];
        var prefixes = keys.Where(k => k.EndsWith(marker, StringComparison.Ordinal)).Select(k => k[..^marker.Length]).Distinct().ToList();
        if (prefixes.Contains("")) return "";
        if (prefixes.Contains(QueryPrefix)) return QueryPrefix;
        if (prefixes.Count > 1)
            throw new ArgumentException($"the checkpoint holds {prefixes.Count} {architecture} encoders (prefixes {string.Join(", ", prefixes)}): choose one with a prefix");
        return prefixes.Count == 1 ? prefixes[0] : null;
    }

    /// <summary>
    /// A fresh encoder with these weights, in eval mode on <paramref name="device"/> (CPU by default). Without
    /// <paramref name="withHead"/> the checkpoint's head (<c>fc.*</c>) is not loaded: evaluation replaces it.
    /// </summary>
    public SkeletonEncoder Create(Device? device = null, bool withHead = true)
    {
        var encoder = Build(StGcn, Gru, null);
        try
        {
            var options = new StateDictLoadOptions { Prefix = Prefix, Ignore = withHead ? [] : ["fc."] };
            StateDictLoader.Load(encoder, _tensors, options, Source);
            encoder.eval();
            return device is null ? encoder : encoder.to(device);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var t in _tensors.Values) t.Dispose();
        _tensors.Clear();
    }

    private static SkeletonEncoder Build(StGcnConfig? stGcn, GruEncoderConfig? gru, Generator? generator) =>
        ((EncoderConfig?)stGcn ?? gru!).Build(generator);

    private static string StripModule(string key) => key.StartsWith("module.", StringComparison.Ordinal) ? key["module.".Length..] : key;

    private static string DetectArchitecture(IReadOnlyCollection<string> keys, string path)
    {
        var found = MarkerKeys.Where(m => keys.Any(k => k.EndsWith(m.Value, StringComparison.Ordinal))).Select(m => m.Key).ToList();
        return found.Count == 1 ? found[0]
            : found.Count == 0
                ? throw new DataFormatException(path, $"no encoder found: expected an ST-GCN ('{MarkerKeys["stgcn"]}') or a GRU encoder ('{MarkerKeys["gru"]}') state dict; first keys: {string.Join(", ", keys.Take(5))}", field: "state dict")
                : throw new DataFormatException(path, "holds both an ST-GCN and a GRU encoder: name the architecture (--encoder stgcn or gru)", field: "state dict");
    }
}
