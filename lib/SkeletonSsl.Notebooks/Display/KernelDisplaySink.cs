using System.Reflection;

namespace SkeletonSsl.Notebooks.Display;

/// <summary>
/// Inside a .NET Interactive kernel: forwards to the kernel's own <c>display</c> and its
/// <c>DisplayedValue.Update</c>, found by reflection because the kernel package is not a
/// dependency of this library (a notebook brings it; tests and the CLI do not).
/// </summary>
internal sealed class KernelDisplaySink : IDisplaySink
{
    private readonly MethodInfo _display;

    private KernelDisplaySink(MethodInfo display) => _display = display;

    public bool IsHeadless => false;

    /// <summary>The kernel's assembly when this process hosts a .NET Interactive kernel, else null.</summary>
    public static Assembly? KernelAssembly => AppDomain.CurrentDomain.GetAssemblies()
        .FirstOrDefault(a => a.GetName().Name == "Microsoft.DotNet.Interactive");

    /// <summary>The sink when this process hosts a kernel, else null.</summary>
    public static KernelDisplaySink? TryCreate()
    {
        var display = KernelAssembly?.GetType("Microsoft.DotNet.Interactive.Kernel")?
            .GetMethod("display", BindingFlags.Public | BindingFlags.Static, [typeof(object), typeof(string[])]);
        return display is null ? null : new KernelDisplaySink(display);
    }

    public DisplayHandle Display(object? value, params string[] mimeTypes)
    {
        object displayed = _display.Invoke(null, [value, mimeTypes])
            ?? throw new InvalidOperationException("the kernel's display returned nothing");
        var update = displayed.GetType().GetMethod("Update", [typeof(object)])
            ?? throw new InvalidOperationException($"{displayed.GetType()} has no Update(object)");
        return new KernelHandle(displayed, update);
    }

    private sealed class KernelHandle(object displayed, MethodInfo update) : DisplayHandle
    {
        public override void Update(object? value) => update.Invoke(displayed, [value]);
    }
}
