namespace SkeletonSsl.Tests;

/// <summary>
/// The library's namespaces form layers and dependencies point one way (folders = namespaces):
/// Skeletons → Data → {Augmentations, Encoders, Losses} → Methods → Training → Evaluation →
/// Experiments → Tables → Reporting. A namespace may use itself and earlier layers only; the three
/// namespaces of one layer are parallel and do not use each other. In the root namespace, Profile
/// (with its Profiles helpers) is usable by all, and the facade for notebooks and scripts (Kit, PaperTables,
/// TableOutcome) sits on top. Read from the built
/// SkeletonSsl.dll (<see cref="LayeringScan"/>), so every reference the compiler emitted counts.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[][] Layers =
    [
        ["Skeletons"], ["Data"], ["Augmentations", "Encoders", "Losses"], ["Methods"], ["Training"],
        ["Evaluation"], ["Experiments"], ["Tables"], ["Reporting"],
    ];

    private const int Bottom = -1;
    private static readonly int Top = Layers.Length;

    /// <summary>A type's layer and namespace, or null when it belongs to none.</summary>
    private static (int Rank, string Namespace)? LayerOf(string type)
    {
        int dot = type.IndexOf('.');
        if (dot < 0)
            return type switch
            {
                "Profile" or "Profiles" => (Bottom, ""),
                "Kit" or "PaperTables" or "TableOutcome" => (Top, ""),
                _ => null,
            };
        var ns = type[..dot];
        int rank = Array.FindIndex(Layers, l => l.Contains(ns));
        return rank < 0 ? null : (rank, ns);
    }

    /// <summary>"Evaluation.X uses Experiments.Y" for every reference against the order, sorted.</summary>
    internal static IReadOnlyList<string> Violations(IEnumerable<(string User, string Used)> references) =>
        references.Where(r =>
            {
                var (user, used) = (LayerOf(r.User)!.Value, LayerOf(r.Used)!.Value);
                return used.Rank > user.Rank || (used.Rank == user.Rank && used.Namespace != user.Namespace);
            })
            .Select(r => $"{r.User} uses {r.Used}")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static IReadOnlySet<(string User, string Used)> KitReferences() => LayeringScan.References(typeof(Kit).Assembly.Location);

    [Fact]
    public void Every_namespace_uses_only_itself_and_earlier_layers()
    {
        var violations = Violations(KitReferences());
        Assert.True(violations.Count == 0, $"{violations.Count} references against the layer order:\n{string.Join("\n", violations)}");
    }

    [Fact]
    public void Every_type_of_the_kit_lies_in_a_layer()
    {
        var types = KitReferences().SelectMany(r => new[] { r.User, r.Used }).Distinct();
        var outside = types.Where(t => LayerOf(t) is null).Order(StringComparer.Ordinal).ToList();
        Assert.True(outside.Count == 0, $"types in no layer: {string.Join(", ", outside)}");
    }

    [Fact]
    public void The_scan_sees_signatures_base_types_and_method_bodies()
    {
        var references = KitReferences();
        Assert.Contains(("Encoders.StGcn.StGcnEncoder", "Encoders.SkeletonEncoder"), references);       // base type
        Assert.Contains(("Evaluation.FineTune", "Evaluation.FineTuneConfig"), references);             // parameter type
        Assert.Contains(("Evaluation.LinearProbe", "Evaluation.ClassifierHead"), references);          // a call in a body
        Assert.Contains(("Experiments.EvaluationProtocols", "Evaluation.LinearProbeConfig"), references); // a property read in a lambda (closure class)
        Assert.Contains(("Kit", "Training.NativeRuntime"), references);
    }

    [Fact]
    public void The_order_allows_earlier_layers_and_the_root_profile_and_flags_the_rest()
    {
        var violations = Violations(
        [
            ("Evaluation.FineTune", "Encoders.SkeletonEncoder"),
            ("Skeletons.NtuGraph", "Profile"),
            ("Profiles", "Profile"),
            ("Kit", "Reporting.Charts"),
            ("Evaluation.FineTune", "Experiments.Catalog"),
            ("Encoders.StGcn.StGcnEncoder", "Augmentations.Eadm"),
            ("Data.Feeder", "Kit"),
        ]);
        Assert.Equal(["Data.Feeder uses Kit", "Encoders.StGcn.StGcnEncoder uses Augmentations.Eadm", "Evaluation.FineTune uses Experiments.Catalog"], violations);
    }
}
