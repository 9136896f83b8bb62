using SkeletonSsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Training;

public sealed class NativeRuntimeTests
{
    [Fact]
    public void Tensors_are_created_and_backward_gives_the_analytic_gradient()
    {
        NativeRuntime.EnsureInitialised();
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1f, -2f, 3f }, requires_grad: true);
        var y = (x * x * x).sum(); // dy/dx = 3x^2
        y.backward();
        Assert.Equal(new float[] { 3f, 12f, 27f }, x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Version_needs_of_the_TorchSharp_library_are_readable_and_patchable()
    {
        string? lib = Directory.EnumerateFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).FirstOrDefault();
        Assert.NotNull(lib);
        byte[] image = File.ReadAllBytes(lib!);
        var needs = ElfVersionPatcher.ReadVersionNeeds(image, lib!);
        Assert.Contains(needs, n => n.Library == "libstdc++.so.6" && n.Version.StartsWith("GLIBCXX_"));
        int changed = ElfVersionPatcher.MarkWeak(image, n => n.Version == "GLIBCXX_3.4.32", lib!);
        Assert.True(changed >= 1);
        Assert.All(ElfVersionPatcher.ReadVersionNeeds(image, lib!).Where(n => n.Version == "GLIBCXX_3.4.32"), n => Assert.True(n.IsWeak));
        Assert.All(ElfVersionPatcher.ReadVersionNeeds(image, lib!).Where(n => n.Version == "GLIBCXX_3.4.9"), n => Assert.False(n.IsWeak));
    }

    [Fact]
    public void A_non_elf_file_is_refused_with_its_name()
    {
        var e = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ReadVersionNeeds(new byte[100], "bogus.so"));
        Assert.Contains("bogus.so", e.Message);
    }
}
