using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace SkeletonSsl.Notebooks.Formatting;

/// <summary>
/// A C# record (class or struct) as a key/value table of its public properties, in declaration
/// order; result rows, configs and summaries render readably without a formatter each.
/// </summary>
internal static class RecordFormatter
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]?> Cache = new();

    /// <summary>The record's public properties, or null when the type is not a record.</summary>
    public static PropertyInfo[]? Properties(Type type) => Cache.GetOrAdd(type, static t =>
    {
        // The compiler gives every record a PrintMembers method marked [CompilerGenerated].
        var printMembers = t.GetMethod("PrintMembers", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public,
            [typeof(System.Text.StringBuilder)]);
        if (printMembers?.GetCustomAttribute<CompilerGeneratedAttribute>() is null) return null;
        return t.GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .OrderBy(p => p.MetadataToken)
            .ToArray();
    });

    public static void WriteHtml(object value, TextWriter w) =>
        Html.Table(w, ["", value.GetType().Name], Rows(value, Properties(value.GetType()) ?? []));

    public static void WriteText(object value, TextWriter w) =>
        Html.TextTable(w, ["", value.GetType().Name], Rows(value, Properties(value.GetType()) ?? []).ToArray());

    private static IEnumerable<IReadOnlyList<string>> Rows(object value, PropertyInfo[] props) =>
        props.Select(p => (IReadOnlyList<string>)[p.Name, Html.Cell(p.GetValue(value))]);
}
