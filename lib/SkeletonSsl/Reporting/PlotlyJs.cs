using System.Reflection;

namespace SkeletonSsl.Reporting;

/// <summary>
/// The plotly.js bundle that Plotly.NET ships as an embedded resource, so report pages can inline it
/// (working offline) instead of loading it from a CDN.
/// </summary>
public static class PlotlyJs
{
    private static readonly Lazy<string> Source = new(Load);

    private static readonly Lazy<string> Inline = new(() => Source.Value.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase));

    /// <summary>The minified plotly.js source.</summary>
    public static string Script => Source.Value;

    /// <summary>The source made safe to place inside an HTML &lt;script&gt; element.</summary>
    public static string InlineScript => Inline.Value;

    /// <summary>The resource name, e.g. "Plotly.NET.plotly-2.28.0.min.js".</summary>
    public static string ResourceName { get; } =
        typeof(Plotly.NET.GenericChart).Assembly.GetManifestResourceNames()
            .SingleOrDefault(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal))
        ?? throw new InvalidOperationException("Plotly.NET no longer embeds plotly.min.js; report pages cannot inline it");

    /// <summary>The plotly.js version, from the resource name.</summary>
    public static string Version => ResourceName["Plotly.NET.plotly-".Length..^".min.js".Length];

    private static string Load()
    {
        Assembly assembly = typeof(Plotly.NET.GenericChart).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"resource {ResourceName} is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
