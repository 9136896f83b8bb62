using System.Collections.Immutable;
using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Encoders.StGcn;
using SkeletonSsl.Reporting;
using SkeletonSsl.Tables;
using AimClr = SkeletonSsl.Tables.AimClr;
using Pcm3 = SkeletonSsl.Tables.Pcm3;
using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>
/// The one registry of the kit: methods, encoders, evaluation protocols, datasets and paper tables, by name.
/// A method is a config record, a class and one line in <see cref="Default"/>; contract tests run over
/// every entry. Specs hold a method's typed config and name the rest by key; <see cref="Check"/> rejects
/// what the catalog does not know. Variants for tests or notebooks are made with <c>with</c>.
/// </summary>
public sealed record Catalog(
    ImmutableDictionary<string, MethodEntry> Methods,
    ImmutableDictionary<string, EncoderEntry> Encoders,
    ImmutableDictionary<string, ProtocolDescriptor> Protocols,
    ImmutableDictionary<string, DatasetDescriptor> Datasets,
    ImmutableDictionary<string, TableDefinition> Tables)
{
    /// <summary>The kit's catalog.</summary>
    public static Catalog Default { get; } = new(
        ByName<MethodEntry>(m => m.Name,
            // SkeletonCLR (Li et al., CVPR 2021; spec/aimclr.md §4): MoCo v2 with Shear + Crop on ST-GCN; on the GRU, the CMD baseline.
            new("skeletonclr", "SkeletonCLR", "Li et al., CVPR 2021", [SkeletonClrConfig.Paper, SkeletonClrConfig.Gru]),
            // AimCLR (Guo et al., AAAI 2022): extreme augmentations, EADM, D3M, NNM (spec/aimclr.md §2-6).
            new("aimclr", "AimCLR", "Guo et al., AAAI 2022", [AimClrConfig.Paper]),
            // PCM3 (Zhang et al., ACM MM 2023): prompted contrast with masked motion modeling on the CMD GRU (spec/pcm3.md §3-7).
            new("pcm3", "PCM3", "Zhang et al., ACM MM 2023", [Pcm3Config.Paper]),
            // No pre-training: the encoder keeps its random initialisation (supervised baselines, sanity checks).
            new("random-init", "Random init", "no pre-training", [RandomInitConfig.Paper, RandomInitConfig.Gru])),
        ByName<EncoderEntry>(e => e.Name,
            new("stgcn", "ST-GCN", "Yan et al., AAAI 2018; widths of CrosSCLR/AimCLR", StGcnConfig.AimClr),
            new("gru", "BiGRU", "CMD (Mao et al., ECCV 2022), as PCM3 and A2MC use it", GruEncoderConfig.Cmd)),
        ByName<ProtocolDescriptor>(p => p.Name,
            new("linear", "Linear evaluation", ["top1", "top5"], EvaluationProtocols.Linear),
            new("knn", "KNN evaluation", ["top1", "top5"], EvaluationProtocols.Knn),
            new("semi", "Semi-supervised evaluation", ["top1", "top5"], EvaluationProtocols.Semi),
            new("finetune", "Finetune evaluation", ["top1", "top5"], EvaluationProtocols.FineTune),
            new("tsne", "t-SNE embedding and NMI", ["nmi"], EvaluationProtocols.Tsne),
            // PCM3 Table 4: the clean linear classifier on spatially and temporally occluded test sets (spec/pcm3.md §8.6).
            new("occlusion", "Recognition under occlusion", ["top1", "top5", "spatial-top1", "spatial-top5", "temporal-top1", "temporal-top5"],
                EvaluationProtocols.Occlusion),
            // PCM3 Table 5: action detection on untrimmed PKU-MMD I, official mAP_a / mAP_v at overlap 0.5 (spec/pcm3.md §8.7, data.md §5.6).
            new("detection", "Action detection", ["map-a", "map-v", "map-a-voc", "frame-accuracy"], EvaluationProtocols.Detection),
            // PCM3 Table 6: Martinez's residual GRU decoder after the encoder, short-term prediction, MPJPE in mm (a reconstruction).
            new("motion-prediction", "Motion prediction", EvaluationProtocols.MotionPredictionMetrics, EvaluationProtocols.MotionPrediction)),
        ByName<DatasetDescriptor>(d => d.Name,
            new("ntu60", "NTU-60", ["xsub", "xview"], 60),
            new("ntu120", "NTU-120", ["xsub", "xset"], 120),
            new("pku1", "PKU-MMD part I", ["xsub"], 51),
            new("pku2", "PKU-MMD part II", ["xsub"], 51)),
        ByName<TableDefinition>(t => t.Id,
            AimClr.Table1.Definition, AimClr.Table2.Definition, AimClr.Table3.Definition, AimClr.Table4.Definition,
            AimClr.Table5.Definition, AimClr.Table6.Definition, AimClr.Table7.Definition, AimClr.Table8.Definition,
            AimClr.Figure2.Definition, AimClr.Figure3.Definition,
            Pcm3.Table1.Definition, Pcm3.Table2.Definition, Pcm3.Table3.Definition, Pcm3.Table4.Definition, Pcm3.Table5.Definition,
            Pcm3.Table6.Definition, Pcm3.Table7.Definition, Pcm3.Table8.Definition, Pcm3.Table9.Definition, Pcm3.Table10.Definition));

    /// <summary>A table by id; the message lists the known ids.</summary>
    public TableDefinition Table(string id) => Tables.TryGetValue(id, out var t) ? t
        : throw new ArgumentException($"unknown table '{id}': expected one of {string.Join(", ", Tables.Keys.Order())}");

    /// <summary>A method by name; the message lists the known names.</summary>
    public MethodEntry Method(string name) => Methods.TryGetValue(name, out var m) ? m
        : throw new ArgumentException($"unknown method '{name}': expected one of {string.Join(", ", Methods.Keys.Order())}");

    /// <summary>The entry of a method config (by its record type).</summary>
    public MethodEntry MethodOf(MethodConfig config) => Methods.Values.FirstOrDefault(m => m.Owns(config))
        ?? throw new ArgumentException($"{config.GetType().Name} ('{config.Name}') is not a method of the catalog: expected one of {string.Join(", ", Methods.Keys.Order())}");

    /// <summary>An encoder by name ("stgcn", "gru"); the message lists the known names.</summary>
    public EncoderEntry Encoder(string name) => Encoders.TryGetValue(name, out var e) ? e
        : throw new ArgumentException($"unknown encoder '{name}': expected one of {string.Join(", ", Encoders.Keys.Order())}");

    /// <summary>A protocol by name; the message lists the known names.</summary>
    public ProtocolDescriptor Protocol(string name) => Protocols.TryGetValue(name, out var p) ? p
        : throw new ArgumentException($"unknown protocol '{name}': expected one of {string.Join(", ", Protocols.Keys.Order())}");

    /// <summary>A dataset by name; the message lists the known names.</summary>
    public DatasetDescriptor Dataset(string name) => Datasets.TryGetValue(name, out var d) ? d
        : throw new ArgumentException($"unknown dataset '{name}': expected one of {string.Join(", ", Datasets.Keys.Order())}");

    /// <summary>This catalog with a method added or replaced (how tests and notebooks plug in a method of their own).</summary>
    public Catalog WithMethod(MethodEntry method) => this with { Methods = Methods.SetItem(method.Name, method) };

    /// <summary>This catalog with a protocol's entry point replaced.</summary>
    public Catalog WithProtocol(ProtocolDescriptor protocol) => this with { Protocols = Protocols.SetItem(protocol.Name, protocol) };

    /// <summary>Throws <see cref="ArgumentException"/> unless every name in the spec is a catalog entry.</summary>
    public void Check(ExperimentSpec spec, string metric = "top1")
    {
        if (!Methods.Values.Any(m => m.Owns(spec.Method)))
            throw new ArgumentException($"method {spec.Method.GetType().Name} ('{spec.Method.Name}') is not in the catalog: expected one of {string.Join(", ", Methods.Keys.Order())}");
        if (!Protocols.TryGetValue(spec.Protocol, out var protocol))
            throw new ArgumentException($"unknown protocol '{spec.Protocol}' in {spec}: expected one of {string.Join(", ", Protocols.Keys.Order())}");
        if (!Datasets.TryGetValue(spec.Dataset, out var dataset))
            throw new ArgumentException($"unknown dataset '{spec.Dataset}' in {spec}: expected one of {string.Join(", ", Datasets.Keys.Order())}");
        if (!dataset.Splits.Contains(spec.Split))
            throw new ArgumentException($"dataset {spec.Dataset} has no split '{spec.Split}' ({spec}): expected {string.Join(", ", dataset.Splits)}");
        if (!protocol.Metrics.Contains(metric))
            throw new ArgumentException($"protocol {spec.Protocol} reports no metric '{metric}': expected {string.Join(", ", protocol.Metrics)}");
        if (spec.PretrainDataset is { } pd)
        {
            if (!Datasets.TryGetValue(pd, out var pretrain))
                throw new ArgumentException($"unknown pre-training dataset '{pd}' in {spec}: expected one of {string.Join(", ", Datasets.Keys.Order())}");
            if (!pretrain.Splits.Contains(spec.PretrainSplit!))
                throw new ArgumentException($"dataset {pd} has no split '{spec.PretrainSplit}' ({spec}): expected {string.Join(", ", pretrain.Splits)}");
        }
        spec.Method.Validate();
    }

    /// <summary>True when every protocol the table's runnable rows need has an entry point (their methods are typed configs the kit has).</summary>
    public bool CanRun(TableDefinition table) => table.Experiments.All(s => Protocols[s.Protocol].IsWired);

    /// <summary>
    /// How far the kit gets with a table: not yet (a part is missing), ready for real data (all parts
    /// wired), or reproduced on synthetic (and <paramref name="results"/> holds a synthetic result for
    /// every runnable cell under <paramref name="profile"/> and <paramref name="seed"/>).
    /// </summary>
    public TableStatus StatusOf(TableDefinition table, ResultStore? results = null, Profile profile = Profile.Quick, int seed = 0)
    {
        if (!CanRun(table)) return TableStatus.NotYet;
        if (results is not null && table.Experiments.All(s => results.TryLoad(new ExperimentKey(s, profile, seed, DataKind.Synthetic)) is not null))
            return TableStatus.ReproducedOnSynthetic;
        return TableStatus.ReadyForRealData;
    }

    private static ImmutableDictionary<string, T> ByName<T>(Func<T, string> name, params T[] items) =>
        items.ToImmutableDictionary(name, StringComparer.Ordinal);
}
