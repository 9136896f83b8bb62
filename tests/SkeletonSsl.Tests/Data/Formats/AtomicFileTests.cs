using SkeletonSsl.Data.Formats;
using SkeletonSsl.Tests.Cli;

namespace SkeletonSsl.Tests.Data.Formats;

public sealed class AtomicFileTests
{
    private static void Fill(string dir, string name, string text)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name), text);
    }

    [Fact]
    public void WriteFolder_replaces_the_old_folder_and_leaves_nothing_beside_it()
    {
        using var dir = new TempDir();
        string final = dir.File("set");
        Fill(final, "old.txt", "old");
        AtomicFile.WriteFolder(final, staged => { Fill(staged, "new.txt", "new"); return 0; });
        Assert.Equal(["new.txt"], Directory.GetFiles(final).Select(Path.GetFileName));
        Assert.Equal(["set"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void On_linux_two_folders_are_swapped_in_one_rename()
    {
        if (!OperatingSystem.IsLinux()) return;                  // elsewhere the two-rename fallback is used
        using var dir = new TempDir();
        Fill(dir.File("a"), "one.txt", "1");
        Fill(dir.File("b"), "two.txt", "2");
        Assert.True(AtomicFile.TryExchange(dir.File("a"), dir.File("b")));
        Assert.True(File.Exists(Path.Combine(dir.File("a"), "two.txt")));
        Assert.True(File.Exists(Path.Combine(dir.File("b"), "one.txt")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Both_ways_of_replacing_a_folder_leave_only_the_new_version(bool exchange)
    {
        using var dir = new TempDir();
        Fill(dir.File("set"), "old.txt", "old");
        Fill(dir.File("staged"), "new.txt", "new");
        AtomicFile.ReplaceFolder(dir.File("staged"), dir.File("set"), exchange);
        Assert.Equal(["new.txt"], Directory.GetFiles(dir.File("set")).Select(Path.GetFileName));
        Assert.Equal(["set"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failing_fill_keeps_the_old_folder_and_removes_its_staging_folder()
    {
        using var dir = new TempDir();
        string final = dir.File("set");
        Fill(final, "old.txt", "old");
        Assert.Throws<IOException>(() => AtomicFile.WriteFolder<int>(final, staged =>
        {
            Fill(staged, "half.txt", "half");
            throw new IOException("disk full");
        }));
        Assert.Equal("old", File.ReadAllText(Path.Combine(final, "old.txt")));
        Assert.Equal(["set"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Leftovers_of_ended_processes_are_removed_and_those_of_running_ones_kept()
    {
        using var dir = new TempDir();
        int ended = CliProcess.EndedProcessId();
        File.WriteAllText(dir.File($"metrics.csv.tmp-{ended}"), "partial");
        Fill(dir.File($"set.tmp-{ended}"), "half.txt", "half");
        File.WriteAllText(dir.File("metrics.csv.tmp-1"), "pid 1 is always running");
        File.WriteAllText(dir.File("notes.tmp-x1"), "not the kit's pattern");
        Assert.Equal(2, AtomicFile.RemoveStale(dir.Path));
        Assert.Equal(["metrics.csv.tmp-1", "notes.tmp-x1"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_old_folder_whose_replacement_never_arrived_is_put_back()
    {
        // A kill between the two renames of the fallback swap: the old version sits aside, none in place.
        using var dir = new TempDir();
        int ended = CliProcess.EndedProcessId();
        Fill(dir.File($"set.old-{ended}"), "old.txt", "old");
        AtomicFile.RemoveStale(dir.Path, "set");
        Assert.Equal("old", File.ReadAllText(Path.Combine(dir.File("set"), "old.txt")));
        Assert.False(Directory.Exists(dir.File($"set.old-{ended}")));
    }

    [Theory]
    [InlineData("epoch-0003.ckpt.tmp-4242", "epoch-0003.ckpt", false, 4242)]
    [InlineData("store.old-17", "store", true, 17)]
    public void Leftover_names_give_the_target_and_the_writer(string name, string target, bool old, int pid)
    {
        Assert.True(AtomicFile.TryParseLeftover(name, out var t, out var o, out var p));
        Assert.Equal((target, old, pid), (t, o, p));
        Assert.False(AtomicFile.TryParseLeftover("thesis.tmp-draft", out _, out _, out _));
        Assert.False(AtomicFile.TryParseLeftover(".tmp-12", out _, out _, out _));
    }
}
