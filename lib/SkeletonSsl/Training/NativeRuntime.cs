using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TorchSharp;

namespace SkeletonSsl.Training;

/// <summary>
/// Prepares the process for TorchSharp before the first tensor exists. Called by the module
/// initialiser of this assembly, so the CLI, the tests and notebooks that reference the library
/// all get it; calling it again is a no-op.
/// <list type="number">
/// <item>glibc malloc: large tensor buffers are otherwise returned to the OS after every step and
/// page-faulted back in (DESIGN.md measured 1.6x-7x). We disable mmap for large blocks and raise
/// the trim threshold. Set <c>SKELETONSSL_MALLOC=default</c> to keep glibc's defaults.</item>
/// <item>TorchSharp 0.107's libLibTorchSharp.so asks for GLIBCXX_3.4.32 for one symbol that no
/// relocation uses. On systems whose libstdc++ lacks that version (Debian 12, Ubuntu 22.04) the
/// load fails. We then write a private copy of the library (never the NuGet cache) with the
/// unsatisfiable libstdc++ version needs marked weak, preload libtorch from its own folder and
/// point TorchSharp's DllImport at the copy. On newer systems nothing is copied.</item>
/// <item>OpenMP waiting: libtorch's CPU threads spin while they wait for work by default. When two
/// torch processes (or a process and a build) share a small machine, the spinning threads starve
/// each other: measured here, two concurrent AimCLR benchmarks ran at 2.6 samples/s each with
/// spinning and 21 with passive waiting (one alone: 50-54 either way). Unless the user set
/// <c>OMP_WAIT_POLICY</c>, we set it to PASSIVE before libtorch (and its libgomp) loads.</item>
/// </list>
/// </summary>
public static class NativeRuntime
{
    private static readonly object Gate = new();
    private static bool _initialised;
    private static IntPtr _patchedHandle;

    /// <summary>What the initialisation did, for diagnostics (<c>bench</c> and <c>--version</c> print it).</summary>
    public static string Description { get; private set; } = "not initialised";

    /// <summary>Path of the private patched copy when one is in use, else null.</summary>
    public static string? PatchedLibraryPath { get; private set; }

#pragma warning disable CA2255 // a library initialiser is the point: TorchSharp must not load first
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void ModuleInit() => EnsureInitialised();

    /// <summary>Applies the malloc setting and, where needed, the libstdc++ compatibility step.</summary>
    public static void EnsureInitialised()
    {
        lock (Gate)
        {
            if (_initialised) return;
            _initialised = true;
            var notes = new List<string>();
            if (OperatingSystem.IsLinux())
            {
                notes.Add(ConfigureMalloc());
                notes.Add(ConfigureOpenMpWaiting());
                try { notes.Add(PrepareTorchSharp()); }
                catch (Exception e) { notes.Add($"native compatibility step skipped: {e.Message}"); }
            }
            Description = string.Join("; ", notes.Where(n => n.Length > 0));
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);

    private static string ConfigureOpenMpWaiting()
    {
        string? set = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY");
        if (set is { Length: > 0 }) return $"OpenMP wait policy {set} (from the environment)";
        try
        {
            // The native environment, which libgomp reads when it loads; .NET keeps its own copy too.
            SetEnv("OMP_WAIT_POLICY", "PASSIVE", 0);
            Environment.SetEnvironmentVariable("OMP_WAIT_POLICY", "PASSIVE");
            return "OpenMP wait policy PASSIVE";
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return "";
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int param, int value);

    private const int MTrimThreshold = -1;
    private const int MMmapMax = -4;

    private static string ConfigureMalloc()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("SKELETONSSL_MALLOC"), "default", StringComparison.OrdinalIgnoreCase))
            return "malloc: glibc defaults";
        try
        {
            Mallopt(MMmapMax, 0);
            Mallopt(MTrimThreshold, 1 << 30);
            return "malloc: mmap off, trim threshold 1 GiB";
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return "malloc: not glibc, unchanged";
        }
    }

    private static string PrepareTorchSharp()
    {
        var torchSharp = typeof(torch).Assembly;
        string? original = FindNative(torchSharp, "libLibTorchSharp.so");
        if (original is null) return "libLibTorchSharp.so not found next to the app; TorchSharp loads it itself";
        byte[] image = File.ReadAllBytes(original);
        var needs = ElfVersionPatcher.ReadVersionNeeds(image, original);
        string? stdcxx = FindLoadedLibrary("libstdc++.so.6");
        if (stdcxx is null) return "libstdc++ not located; TorchSharp loaded as shipped";
        var provided = ElfVersionPatcher.ReadVersionDefinitions(File.ReadAllBytes(stdcxx));
        bool Missing(ElfVersionPatcher.VersionNeed n) =>
            n.Library.StartsWith("libstdc++", StringComparison.Ordinal) && !provided.Contains(n.Version);
        var missing = needs.Where(Missing).Select(n => n.Version).ToList();
        if (missing.Count == 0) return "TorchSharp native library loads as shipped";

        string patched = WritePatchedCopy(original, image, Missing);
        // The copy lives elsewhere, so its $ORIGIN run path no longer finds libtorch: preload the
        // dependencies from their own folder; the loader then matches them by soname.
        string? torchDir = FindNative(torchSharp, "libtorch.so") is { } t ? Path.GetDirectoryName(t) : null;
        if (torchDir is null) return "libtorch.so not found; TorchSharp loaded as shipped";
        foreach (var dep in new[] { "libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so" })
        {
            string p = Path.Combine(torchDir, dep);
            if (File.Exists(p)) NativeLibrary.Load(p);
        }
        _patchedHandle = NativeLibrary.Load(patched);
        NativeLibrary.SetDllImportResolver(torchSharp, Resolve);
        PatchedLibraryPath = patched;
        return $"libstdc++ lacks {string.Join(", ", missing)}: using a private copy of libLibTorchSharp.so with those needs marked weak";
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name.Contains("LibTorchSharp", StringComparison.Ordinal) ? _patchedHandle : IntPtr.Zero;

    private static string WritePatchedCopy(string original, byte[] image, Func<ElfVersionPatcher.VersionNeed, bool> select)
    {
        string hash = Convert.ToHexString(SHA256.HashData(image))[..16].ToLowerInvariant();
        string root = Environment.GetEnvironmentVariable("SKELETONSSL_NATIVE_CACHE") is { Length: > 0 } env
            ? env
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "skeletonssl", "native");
        string dir = Path.Combine(root, hash);
        string target = Path.Combine(dir, Path.GetFileName(original));
        if (File.Exists(target)) return target;
        Directory.CreateDirectory(dir);
        var copy = (byte[])image.Clone();
        ElfVersionPatcher.MarkWeak(copy, select, original);
        string tmp = target + $".{Environment.ProcessId}.tmp";
        File.WriteAllBytes(tmp, copy);
        File.Move(tmp, target, overwrite: true);
        return target;
    }

    /// <summary>Where the runtime would find a native library of TorchSharp or libtorch.</summary>
    private static string? FindNative(Assembly torchSharp, string file)
    {
        var dirs = new List<string>();
        foreach (var baseDir in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(torchSharp.Location) ?? "" }.Distinct())
        {
            if (baseDir.Length == 0) continue;
            dirs.Add(Path.Combine(baseDir, "runtimes", "linux-x64", "native"));
            dirs.Add(baseDir);
        }
        // A library referenced from a notebook may run with assemblies taken from the NuGet cache.
        string nuget = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } np
            ? np : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string version = torchSharp.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "";
        dirs.Add(Path.Combine(nuget, "torchsharp", version, "runtimes", "linux-x64", "native"));
        foreach (var pkg in new[] { "libtorch-cpu-linux-x64", "libtorch-cuda-12.8-linux-x64" })
        {
            string p = Path.Combine(nuget, pkg);
            if (Directory.Exists(p))
                dirs.AddRange(Directory.GetDirectories(p).OrderDescending().Select(d => Path.Combine(d, "runtimes", "linux-x64", "native")));
        }
        return dirs.Select(d => Path.Combine(d, file)).FirstOrDefault(File.Exists);
    }

    private static string? FindLoadedLibrary(string soname)
    {
        if (!NativeLibrary.TryLoad(soname, out _)) return null;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            int slash = line.IndexOf('/');
            if (slash < 0) continue;
            string path = line[slash..];
            if (Path.GetFileName(path).StartsWith(soname, StringComparison.Ordinal)) return path;
        }
        return null;
    }
}
