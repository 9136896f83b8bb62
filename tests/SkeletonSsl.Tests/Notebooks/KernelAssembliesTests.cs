using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using SkeletonSsl.Notebooks;
using SkeletonSsl.Notebooks.Execution;

namespace SkeletonSsl.Tests.Notebooks;

/// <summary>
/// The notebooks' assembly folder fits the pinned kernel: nothing in it duplicates an assembly the kernel ships
/// (which would load a second copy beside the kernel's, the FSharp.Core conflict of Plotly.NET's first chart), every
/// request above the kernel's version is served by <see cref="KernelHost"/>, and every FSharp.Core type and member
/// the kit's assemblies use exists in the kernel's FSharp.Core.
/// </summary>
public sealed class KernelAssembliesTests
{
    private static readonly string Folder = Path.Combine(RepositoryFiles.Root, NotebookSetupCell.AssembliesFolder);

    private static string KernelFolder()
    {
        KernelTool.EnsureRestoredAsync(RepositoryFiles.Root).GetAwaiter().GetResult();
        return KernelTool.Folder(RepositoryFiles.Root);
    }

    private static IEnumerable<string> FolderAssemblies() =>
        Directory.EnumerateFiles(Folder, "*.dll").Where(p => IsManaged(p)).Order(StringComparer.Ordinal);

    [Fact]
    public void The_notebooks_folder_holds_no_assembly_the_kernel_ships()
    {
        var kernel = Directory.EnumerateFiles(KernelFolder(), "*.dll").Select(Path.GetFileName).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var duplicated = FolderAssemblies().Select(Path.GetFileName).Where(kernel.Contains).ToList();

        Assert.True(duplicated.Count == 0, $"{string.Join(", ", duplicated)}: the kernel ships these; add them to KernelProvidedAssembly in SkeletonSsl.Notebooks.csproj and to KernelHost.ProvidedAssemblies");
        Assert.All(KernelHost.ProvidedAssemblies, name => Assert.Contains($"{name}.dll", kernel));
    }

    [Fact]
    public void Every_reference_above_the_kernels_own_version_is_bound_to_the_kernels_copy()
    {
        var kernelVersions = Directory.EnumerateFiles(KernelFolder(), "*.dll").Where(p => IsManaged(p))
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), Version, StringComparer.OrdinalIgnoreCase);

        foreach (var assembly in FolderAssemblies())
        {
            foreach (var (name, version) in References(assembly))
            {
                if (!kernelVersions.TryGetValue(name, out var kernel) || version <= kernel) continue;
                Assert.True(KernelHost.ProvidedAssemblies.Contains(name, StringComparer.OrdinalIgnoreCase),
                    $"{Path.GetFileName(assembly)} asks for {name} {version}, the kernel has {kernel}: KernelHost must bind it");
            }
        }
    }

    [Fact]
    public void Every_FSharp_Core_type_and_member_the_kit_uses_exists_in_the_kernels_FSharp_Core()
    {
        var available = FSharpCoreMembers(Path.Combine(KernelFolder(), "FSharp.Core.dll"));
        var missing = new List<string>();
        int checkedUses = 0;

        foreach (var assembly in FolderAssemblies())
        {
            foreach (var use in FSharpCoreUses(assembly))
            {
                checkedUses++;
                if (!available.Contains(use)) missing.Add($"{Path.GetFileName(assembly)}: {use}");
            }
        }

        Assert.True(checkedUses > 100, $"only {checkedUses} FSharp.Core uses found: the scan is not reading the charting assemblies");
        Assert.True(missing.Count == 0, "missing in the kernel's FSharp.Core:\n" + string.Join("\n", missing.Distinct()));
    }

    private static bool IsManaged(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        return pe.HasMetadata;
    }

    private static Version Version(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        return md.GetAssemblyDefinition().Version;
    }

    private static List<(string Name, Version Version)> References(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        return md.AssemblyReferences.Select(h => md.GetAssemblyReference(h)).Select(r => (md.GetString(r.Name), r.Version)).ToList();
    }

    /// <summary>"Namespace.Type" and "Namespace.Type::Member" for every type of FSharp.Core and every method and field of it.</summary>
    private static HashSet<string> FSharpCoreMembers(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in md.TypeDefinitions)
        {
            string type = TypeName(md, handle);
            names.Add(type);
            var definition = md.GetTypeDefinition(handle);
            foreach (var m in definition.GetMethods()) names.Add($"{type}::{md.GetString(md.GetMethodDefinition(m).Name)}");
            foreach (var f in definition.GetFields()) names.Add($"{type}::{md.GetString(md.GetFieldDefinition(f).Name)}");
        }
        foreach (var handle in md.ExportedTypes)
        {
            var exported = md.GetExportedType(handle);
            names.Add(Join(md.GetString(exported.Namespace), md.GetString(exported.Name)));
        }
        return names;
    }

    /// <summary>The FSharp.Core types an assembly names, and the members it calls on them, in the same notation.</summary>
    private static IEnumerable<string> FSharpCoreUses(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        var fsharp = md.AssemblyReferences.Where(h => md.GetString(md.GetAssemblyReference(h).Name) == "FSharp.Core").ToList();
        if (fsharp.Count == 0) return [];
        var uses = new List<string>();
        foreach (var handle in md.TypeReferences)
        {
            if (TypeReferenceName(md, handle, fsharp[0]) is { } name) uses.Add(name);
        }
        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            if (DeclaringType(md, member.Parent) is not { } parent) continue;
            if (TypeReferenceName(md, parent, fsharp[0]) is { } type) uses.Add($"{type}::{md.GetString(member.Name)}");
        }
        return uses;
    }

    /// <summary>The type reference behind a member's parent: a type reference, or the generic type of an instantiation.</summary>
    private static TypeReferenceHandle? DeclaringType(MetadataReader md, EntityHandle parent)
    {
        if (parent.Kind == HandleKind.TypeReference) return (TypeReferenceHandle)parent;
        if (parent.Kind != HandleKind.TypeSpecification) return null;
        var blob = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance) return null;
        blob.ReadSignatureTypeCode(); // class or value type
        var generic = blob.ReadTypeHandle();
        return generic.Kind == HandleKind.TypeReference ? (TypeReferenceHandle)generic : null;
    }

    /// <summary>"Namespace.Outer/Inner" when the reference resolves into FSharp.Core, else null.</summary>
    private static string? TypeReferenceName(MetadataReader md, TypeReferenceHandle? handle, AssemblyReferenceHandle fsharp)
    {
        if (handle is not { } h) return null;
        var reference = md.GetTypeReference(h);
        var scope = reference.ResolutionScope;
        if (scope.Kind == HandleKind.TypeReference)
            return TypeReferenceName(md, (TypeReferenceHandle)scope, fsharp) is { } outer ? $"{outer}/{md.GetString(reference.Name)}" : null;
        if (scope.Kind != HandleKind.AssemblyReference || (AssemblyReferenceHandle)scope != fsharp) return null;
        return Join(md.GetString(reference.Namespace), md.GetString(reference.Name));
    }

    private static string TypeName(MetadataReader md, TypeDefinitionHandle handle)
    {
        var definition = md.GetTypeDefinition(handle);
        var declaring = definition.GetDeclaringType();
        return declaring.IsNil
            ? Join(md.GetString(definition.Namespace), md.GetString(definition.Name))
            : $"{TypeName(md, declaring)}/{md.GetString(definition.Name)}";
    }

    private static string Join(string ns, string name) => ns.Length == 0 ? name : $"{ns}.{name}";
}
