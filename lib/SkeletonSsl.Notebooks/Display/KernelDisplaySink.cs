using System.Reflection;
using Microsoft.DotNet.Interactive.Formatting;

namespace SkeletonSsl.Notebooks.Display;

/// <summary>
/// Inside a .NET Interactive kernel: shows a value as the kernel's <c>display(...)</c> does and updates it in place.
/// The kernel's own types are reached by reflection because the kernel package is not a dependency of this library
/// (a kernel brings it; tests and the CLI do not); the displayed-value handle is the formatting package's.
/// <para>
/// It announces the display itself instead of calling <c>display(...)</c>: in the pinned kernel (1.0.712001) that
/// function announces the value under one id and returns a handle whose updates carry another, so a client
/// (VS Code, Jupyter) never replaces the first output and a progress line would not move. Here the announcement
/// and every update carry the handle's own id.
/// </para>
/// </summary>
internal sealed class KernelDisplaySink : IDisplaySink
{
    private readonly PropertyInfo _current;
    private readonly PropertyInfo _command;
    private readonly ConstructorInfo _produced;
    private readonly MethodInfo _publish;

    private KernelDisplaySink(PropertyInfo current, PropertyInfo command, ConstructorInfo produced, MethodInfo publish)
    {
        _current = current;
        _command = command;
        _produced = produced;
        _publish = publish;
    }

    public bool IsHeadless => false;

    /// <summary>The kernel's assembly when this process hosts a .NET Interactive kernel, else null.</summary>
    public static Assembly? KernelAssembly => AppDomain.CurrentDomain.GetAssemblies()
        .FirstOrDefault(a => a.GetName().Name == "Microsoft.DotNet.Interactive");

    /// <summary>The sink when this process hosts a kernel whose display types it knows, else null.</summary>
    public static KernelDisplaySink? TryCreate()
    {
        var kernel = KernelAssembly;
        var context = kernel?.GetType("Microsoft.DotNet.Interactive.KernelInvocationContext");
        var current = context?.GetProperty("Current", BindingFlags.Public | BindingFlags.Static);
        var command = context?.GetProperty("Command", BindingFlags.Public | BindingFlags.Instance);
        // DisplayedValueProduced(object value, KernelCommand command, IReadOnlyCollection<FormattedValue> formattedValues, string valueId)
        var produced = kernel?.GetType("Microsoft.DotNet.Interactive.Events.DisplayedValueProduced")?.GetConstructors()
            .FirstOrDefault(c => c.GetParameters() is [_, _, { } f, { ParameterType: var id }] && id == typeof(string)
                && f.ParameterType.IsAssignableFrom(typeof(FormattedValue[])));
        var publish = context?.GetMethods().FirstOrDefault(m => m.Name == "Publish"
            && m.GetParameters() is [{ ParameterType.Name: "KernelEvent" }, .. var rest] && rest.All(p => p.IsOptional));
        return current is null || command is null || produced is null || publish is null
            ? null : new KernelDisplaySink(current, command, produced, publish);
    }

    public DisplayHandle Display(object? value, params string[] mimeTypes)
    {
        object context = _current.GetValue(null)
            ?? throw new InvalidOperationException("no kernel command is running: display from a notebook cell");
        // The preferred format (HTML for the kit's values) and plain text, for clients and exports that show only text.
        string[] formats = mimeTypes.Length > 0 ? mimeTypes
            : [.. (value is null ? [] : Formatter.GetPreferredMimeTypesFor(value.GetType())).Append(PlainTextFormatter.MimeType).Distinct()];
        var formatted = FormattedValue.CreateManyFromObject(value, formats).ToArray();
        var displayed = new DisplayedValue(value, formatted);
        object announced = _produced.Invoke([value, _command.GetValue(context), formatted, displayed.DisplayId]);
        _publish.Invoke(context, [announced, .. _publish.GetParameters().Skip(1).Select(p => p.DefaultValue)]);
        return new KernelHandle(displayed);
    }

    private sealed class KernelHandle(DisplayedValue displayed) : DisplayHandle
    {
        public override void Update(object? value) => displayed.Update(value);
    }
}
