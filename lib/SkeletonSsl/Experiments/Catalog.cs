using System.Collections.Immutable;
using SkeletonSsl.Reporting;
using SkeletonSsl.Tables;
using AimClr = SkeletonSsl.Tables.AimClr;

namespace SkeletonSsl.Experiments;

/// <summary>
/// The one registry of the kit: methods, evaluation protocols, datasets and paper tables, by name.
/// A method is a config record, a class and one line in <see cref="Default"/>; contract tests run over
/// every entry. Specs name entries by key; <see cref="Check"/> rejects names the catalog does not know.
/// Variants for tests or notebooks are made with <c>with</c> (e.g. a method with a fake entry point).
/// </summary>
public sealed record Catalog(
    ImmutableDictionary<string, MethodDescriptor> Methods,
    ImmutableDictionary<string, ProtocolDescriptor> Protocols,
    ImmutableDictionary<string, DatasetDescriptor> Datasets,
    ImmutableDictionary<string, TableDefinition> Tables)
{
    /// <summary>The kit's catalog.</summary>
    public static Catalog Default { get; } = new(
        ByName<MethodDescriptor>(m => m.Name,
            // SkeletonCLR (Li et al., CVPR 2021; spec/aimclr.md §4): MoCo v2 on ST-GCN with Shear + Crop.
            new("skeletonclr", "SkeletonCLR", "Li et al., CVPR 2021", ["augmentation", "epochs"],
                (spec, profile) => MethodPretraining.Config(spec, profile), MethodPretraining.Pretrain),
            // AimCLR (Guo et al., AAAI 2022): extreme augmentations, EADM, D3M, NNM (spec/aimclr.md §2-6).
            new("aimclr", "AimCLR", "Guo et al., AAAI 2022",
                ["extreme-chain", "eadm", "d3m", "nnm", "nnm-start", "nnm-topk", "epochs"],
                (spec, profile) => MethodPretraining.Config(spec, profile), MethodPretraining.Pretrain),
            // No pre-training: the encoder keeps its random initialisation (supervised baselines, sanity checks).
            new("random-init", "ST-GCN (random init)", "Yan et al., AAAI 2018", [],
                (spec, profile) => RandomInit.Config(spec, profile), RandomInit.Pretrain)),
        ByName<ProtocolDescriptor>(p => p.Name,
            new("linear", "Linear evaluation", ["top1", "top5"], EvaluationProtocols.Linear),
            new("knn", "KNN evaluation", ["top1", "top5"], EvaluationProtocols.Knn),
            new("semi", "Semi-supervised evaluation", ["top1", "top5"], EvaluationProtocols.Semi),
            new("finetune", "Finetune evaluation", ["top1", "top5"], EvaluationProtocols.FineTune),
            new("tsne", "t-SNE embedding and NMI", ["nmi"], EvaluationProtocols.Tsne)),
        ByName<DatasetDescriptor>(d => d.Name,
            new("ntu60", "NTU-60", ["xsub", "xview"], 60),
            new("ntu120", "NTU-120", ["xsub", "xset"], 120),
            new("pku1", "PKU-MMD part I", ["xsub"], 51),
            new("pku2", "PKU-MMD part II", ["xsub"], 51)),
        ByName<TableDefinition>(t => t.Id,
            AimClr.Table1.Definition, AimClr.Table2.Definition, AimClr.Table3.Definition, AimClr.Table4.Definition,
            AimClr.Table5.Definition, AimClr.Table6.Definition, AimClr.Table7.Definition, AimClr.Table8.Definition,
            AimClr.Figure2.Definition, AimClr.Figure3.Definition));

    /// <summary>A table by id; the message lists the known ids.</summary>
    public TableDefinition Table(string id) => Tables.TryGetValue(id, out var t) ? t
        : throw new ArgumentException($"unknown table '{id}': expected one of {string.Join(", ", Tables.Keys.Order())}");

    /// <summary>This catalog with a method's entry points replaced (how the kit's parts plug in, and how tests fake them).</summary>
    public Catalog WithMethod(MethodDescriptor method) => this with { Methods = Methods.SetItem(method.Name, method) };

    /// <summary>This catalog with a protocol's entry point replaced.</summary>
    public Catalog WithProtocol(ProtocolDescriptor protocol) => this with { Protocols = Protocols.SetItem(protocol.Name, protocol) };

    /// <summary>Throws <see cref="ArgumentException"/> unless every name in the spec is a catalog entry.</summary>
    public void Check(ExperimentSpec spec, string metric = "top1")
    {
        if (!Methods.TryGetValue(spec.Method, out var method))
            throw new ArgumentException($"unknown method '{spec.Method}' in {spec}: expected one of {string.Join(", ", Methods.Keys.Order())}");
        if (!Protocols.TryGetValue(spec.Protocol, out var protocol))
            throw new ArgumentException($"unknown protocol '{spec.Protocol}' in {spec}: expected one of {string.Join(", ", Protocols.Keys.Order())}");
        if (!Datasets.TryGetValue(spec.Dataset, out var dataset))
            throw new ArgumentException($"unknown dataset '{spec.Dataset}' in {spec}: expected one of {string.Join(", ", Datasets.Keys.Order())}");
        if (!dataset.Splits.Contains(spec.Split))
            throw new ArgumentException($"dataset {spec.Dataset} has no split '{spec.Split}' ({spec}): expected {string.Join(", ", dataset.Splits)}");
        if (!protocol.Metrics.Contains(metric))
            throw new ArgumentException($"protocol {spec.Protocol} reports no metric '{metric}': expected {string.Join(", ", protocol.Metrics)}");
        var unknown = spec.MethodOptions.Keys.FirstOrDefault(k => !method.Options.Contains(k));
        if (unknown is not null)
            throw new ArgumentException($"method {spec.Method} has no switch '{unknown}' ({spec}): expected {string.Join(", ", method.Options)}");
    }

    /// <summary>True when every method and protocol the table's runnable rows need has an entry point.</summary>
    public bool CanRun(TableDefinition table) =>
        table.Experiments.All(s => Methods[s.Method].IsWired && Protocols[s.Protocol].IsWired);

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
