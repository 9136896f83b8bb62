using System.Globalization;

using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>
/// The names runs are shown under (logs, progress, loss-curve legends), from the catalog's display names:
/// "AimCLR, joint, NTU-60 xsub, linear evaluation"; "AimCLR, joint+motion+bone, NTU-60 xsub, linear evaluation,
/// without EADM" (a config's differences from its method's paper config, <see cref="MethodConfig.Differences"/>). The config hash is no part of a label; <see cref="WithHash(ExperimentSpec, Catalog)"/> appends
/// it once, at the end, for diagnostics.
/// </summary>
public static class RunLabel
{
    /// <summary>Method, streams, dataset and split, protocol, then the switches and protocol options in words.</summary>
    public static string Of(ExperimentSpec spec, Catalog catalog) =>
        Join([Method(spec.Method, catalog), Streams(spec.Streams.Select(SpecText.Stream)), Data(spec.Dataset, spec.Split, catalog),
              Protocol(spec.Protocol, catalog),
              spec.PretrainDataset is null ? "" : $"pre-trained on {Data(spec.PretrainDataset, spec.PretrainSplit!, catalog)}",
              .. Differences(spec.Method, catalog),
              .. spec.ProtocolOptions.Select(o => ProtocolOption(o.Key, o.Value))]);

    /// <summary>A pre-training run: method, stream, dataset and split, then its switches in words.</summary>
    public static string Of(PretrainSpec spec, Catalog catalog) =>
        Join([Method(spec.Method, catalog), SpecText.Stream(spec.Stream), Data(spec.Dataset, spec.Split, catalog),
              .. Differences(spec.Method, catalog)]);

    /// <summary>The label and, at its end, the config hash: "AimCLR, joint, NTU-60 xsub, linear evaluation [4d70b9f5926b8d7d]".</summary>
    public static string WithHash(ExperimentSpec spec, Catalog catalog) => $"{Of(spec, catalog)} [{spec.Hash}]";

    /// <summary>A pre-training run's label with its config hash at the end.</summary>
    public static string WithHash(PretrainSpec spec, Catalog catalog) => $"{Of(spec, catalog)} [{spec.Hash}]";

    /// <summary>A protocol option in words: labelled=0.01 "1% labels"; any other as key=value.</summary>
    public static string ProtocolOption(string key, string value) =>
        key == "labelled" && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction)
            ? $"{(100 * fraction).ToString("0.##", CultureInfo.InvariantCulture)}% labels"
            : $"{key}={value}";

    /// <summary>The protocol's display name as it reads inside a label ("linear evaluation", "KNN evaluation").</summary>
    public static string Protocol(string protocol, Catalog catalog) =>
        catalog.Protocols.TryGetValue(protocol, out var p) ? LowerFirst(p.Display) : protocol;

    /// <summary>The method's display name, with its encoder's when the method runs on several ("SkeletonCLR (BiGRU)").</summary>
    private static string Method(MethodConfig method, Catalog catalog)
    {
        var entry = catalog.Methods.Values.FirstOrDefault(m => m.Owns(method));
        if (entry is null) return method.Name;
        return entry.Presets.Count > 1 && catalog.Encoders.TryGetValue(method.Encoder.Kind, out var e) ? $"{entry.Display} ({e.Display})" : entry.Display;
    }

    /// <summary>The ways a config differs from its method's preset on its encoder, in words.</summary>
    private static IEnumerable<string> Differences(MethodConfig method, Catalog catalog)
    {
        var entry = catalog.Methods.Values.FirstOrDefault(m => m.Owns(method));
        var preset = entry?.Presets.FirstOrDefault(p => p.Encoder.Kind == method.Encoder.Kind);
        return preset is null ? [] : method.Differences(preset);
    }

    private static string Data(string dataset, string split, Catalog catalog) =>
        $"{(catalog.Datasets.TryGetValue(dataset, out var d) ? d.Display : dataset)} {split}";

    private static string Streams(IEnumerable<string> streams) => string.Join('+', streams);

    private static string Join(IEnumerable<string> parts) => string.Join(", ", parts.Where(p => p.Length > 0));

    // "Linear evaluation" reads "linear evaluation" mid-label; an acronym ("KNN", "t-SNE") keeps its case.
    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
