using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using SkeletonSsl.Notebooks.Display;

namespace SkeletonSsl.Notebooks;

/// <summary>
/// What the kit does when a .NET Interactive kernel loads it (VS Code's Polyglot Notebooks, or Jupyter with the
/// <c>.net-csharp</c> kernel): it binds the assemblies the kernel ships itself to the kernel's own copies, then
/// registers the kit's formatters.
/// <para>
/// Why the binding: the kernel holds FSharp.Core 10.0 in its default load context, while Plotly.NET 6 asks for 10.1.
/// Assemblies that ask for 10.0 or less (Giraffe.ViewEngine) are served the kernel's copy by the runtime; a request
/// for 10.1 is not, and with a second FSharp.Core on disk the kernel would load it beside the first, so that
/// Plotly.NET and Giraffe.ViewEngine would see different <c>FSharpFunc</c> types (the MissingMethodException of
/// Plotly.NET's first chart). The notebooks' folder therefore holds no FSharp.Core (see the project file), and the
/// request for 10.1, which nothing else can satisfy, reaches this resolver, which answers with the kernel's copy:
/// one FSharp.Core in the process, as a binding redirect would make it. The kit's tests check that every FSharp.Core
/// member the charting assemblies use exists in the kernel's version.
/// </para>
/// </summary>
public static class KernelHost
{
    /// <summary>Assemblies a kernel provides; a request for any version of them is served the kernel's copy.</summary>
    public static readonly IReadOnlyList<string> ProvidedAssemblies = ["FSharp.Core", "Newtonsoft.Json", "Microsoft.DotNet.Interactive.Formatting", "Microsoft.Bcl.AsyncInterfaces"];

    private static int _installed;

    /// <summary>True when this process hosts a .NET Interactive kernel.</summary>
    public static bool InKernel => KernelDisplaySink.KernelAssembly is not null;

#pragma warning disable CA2255 // running on load inside a kernel is the point
    [ModuleInitializer]
    internal static void OnLoad()
    {
        if (!InKernel) return;
        BindProvidedAssemblies();
        KitFormatters.Register();
    }
#pragma warning restore CA2255

    /// <summary>Serves requests for <see cref="ProvidedAssemblies"/> that nothing else resolved with the copy in the default load context.</summary>
    public static void BindProvidedAssemblies()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return;
        AppDomain.CurrentDomain.AssemblyResolve += (_, args) => Provided(new AssemblyName(args.Name));
    }

    /// <summary>The default load context's copy of a provided assembly, else null (let the runtime report it).</summary>
    internal static Assembly? Provided(AssemblyName requested)
    {
        if (requested.Name is not { } name || !ProvidedAssemblies.Contains(name, StringComparer.OrdinalIgnoreCase)) return null;
        return AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));
    }
}
