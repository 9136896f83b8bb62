using System.Reflection;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using SkeletonSsl.Notebooks.Display;
using SkeletonSsl.Notebooks.Formatting;
using SkeletonSsl.Reporting;
using TorchSharp;

namespace SkeletonSsl.Notebooks;

/// <summary>
/// Registers how the kit's values render in a notebook, through
/// Microsoft.DotNet.Interactive.Formatting (the formatter registry a .NET Interactive kernel
/// uses): DataFrames as tables, Plotly charts as
/// interactive figures with plotly.js inlined once per document, tensors as a shape/dtype summary,
/// a table's claims checked on a run as their table with its note, and any record (result rows, configs) as a key/value table. The setup cell calls
/// <see cref="Register"/>; inside a kernel <see cref="KernelHost"/> does it as soon as the kit loads.
/// </summary>
public static class KitFormatters
{
    private static readonly object Gate = new();
    private static readonly HashSet<Type> RecordTypes = [];
    private static bool _registered;

    /// <summary>Registers the formatters once per process; later calls do nothing. Returns a short note.</summary>
    public static string Register()
    {
        lock (Gate)
        {
            if (_registered) return "formatters already registered";
            _registered = true;

            Formatter.Register<DataFrame>((frame, w) => DataFrameFormatter.WriteHtml(frame, w), HtmlFormatter.MimeType);
            Formatter.Register<DataFrame>((frame, w) => DataFrameFormatter.WriteText(frame, w), PlainTextFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(DataFrame), HtmlFormatter.MimeType);

            Formatter.Register<GenericChart>((chart, w) => PlotlyFormatter.WriteHtml(chart, w), HtmlFormatter.MimeType);
            Formatter.Register<GenericChart>((chart, w) => PlotlyFormatter.WriteText(chart, w), PlainTextFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), HtmlFormatter.MimeType);

            Formatter.Register<torch.Tensor>((t, w) => TensorFormatter.WriteHtml(t, w), HtmlFormatter.MimeType);
            Formatter.Register<torch.Tensor>((t, w) => TensorFormatter.WriteText(t, w), PlainTextFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(torch.Tensor), HtmlFormatter.MimeType);

            Formatter.Register<ClaimReport>((claims, w) => w.Write(claims.ToHtml()), HtmlFormatter.MimeType);
            Formatter.Register<ClaimReport>((claims, w) => w.Write(claims.ToString()), PlainTextFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(ClaimReport), HtmlFormatter.MimeType);

            Formatter.Register<ProgressLine>((line, w) => w.Write(line.ToHtml()), HtmlFormatter.MimeType);
            Formatter.Register<ProgressLine>((line, w) => w.Write(line.ToString()), PlainTextFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(ProgressLine), HtmlFormatter.MimeType);
            Formatter.Register<TableProgressView>((view, w) => w.Write(view.ToHtml()), HtmlFormatter.MimeType);
            Formatter.Register<TableProgressView>((view, w) => w.Write(view.ToString()), PlainTextFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(TableProgressView), HtmlFormatter.MimeType);

            // Records: the Formatting package has no per-type predicate (a formatter for object that
            // declines still swallows the value), so each record type of the kit is registered by name.
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies()) RegisterRecords(assembly);
            AppDomain.CurrentDomain.AssemblyLoad += (_, e) => RegisterRecords(e.LoadedAssembly);
            return "formatters registered: DataFrame, Plotly chart, tensor, claims, progress, kit records";
        }
    }

    /// <summary>
    /// Renders every public record type of <paramref name="assembly"/> as a key/value table. Called
    /// for the kit's assemblies (names starting with "SkeletonSsl") as they load; call it for others.
    /// </summary>
    public static void RegisterRecords(Assembly assembly, bool kitOnly = true)
    {
        if (kitOnly && assembly.GetName().Name?.StartsWith("SkeletonSsl", StringComparison.Ordinal) != true) return;
        if (assembly.IsDynamic) return;
        lock (Gate)
        {
            foreach (var type in assembly.GetExportedTypes())
            {
                if (type.IsGenericTypeDefinition || RecordFormatter.Properties(type) is null || !RecordTypes.Add(type)) continue;
                Formatter.Register(type, (value, w) => RecordFormatter.WriteHtml(value, w), HtmlFormatter.MimeType);
                Formatter.Register(type, (value, w) => RecordFormatter.WriteText(value, w), PlainTextFormatter.MimeType);
                Formatter.SetPreferredMimeTypesFor(type, HtmlFormatter.MimeType);
            }
        }
    }

    /// <summary>Starts a new output document (in a kernel: after clearing the outputs that carried plotly.js).</summary>
    public static void BeginDocument() => PlotlyFormatter.BeginDocument();
}
