using SkeletonSsl.Reporting;
using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tests.Reporting;

public sealed class GitCommitTests : IDisposable
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private const string Other = "fedcba9876543210fedcba9876543210fedcba98";
    private readonly string _dir = Directory.CreateTempSubdirectory("skeletonssl-git-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_branch_ref_is_read_from_a_loose_file_from_a_subfolder()
    {
        Write("repo/.git/HEAD", "ref: refs/heads/main\n");
        Write("repo/.git/refs/heads/main", Sha + "\n");
        Directory.CreateDirectory(Path.Combine(_dir, "repo", "lib", "x"));
        Assert.Equal(Sha, GitCommit.Find(Path.Combine(_dir, "repo", "lib", "x")));
    }

    [Fact]
    public void Packed_refs_and_a_detached_head_are_understood()
    {
        Write("repo/.git/HEAD", "ref: refs/heads/dev\n");
        Write("repo/.git/packed-refs", $"# pack-refs with: peeled fully-peeled sorted\n{Other} refs/heads/main\n{Sha} refs/heads/dev\n");
        Assert.Equal(Sha, GitCommit.Find(Path.Combine(_dir, "repo")));
        Write("repo/.git/HEAD", Other + "\n");
        Assert.Equal(Other, GitCommit.Find(Path.Combine(_dir, "repo")));
    }

    [Fact]
    public void A_linked_working_tree_reads_its_head_and_the_common_refs()
    {
        Write("main/.git/refs/heads/feature", Sha + "\n");
        Write("main/.git/worktrees/feature/HEAD", "ref: refs/heads/feature\n");
        Write("main/.git/worktrees/feature/commondir", "../..\n");
        Write("linked/.git", $"gitdir: {Path.Combine(_dir, "main", ".git", "worktrees", "feature")}\n");
        Assert.Equal(Sha, GitCommit.Find(Path.Combine(_dir, "linked")));
    }

    [Fact]
    public void Outside_a_checkout_there_is_no_commit()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "plain"));
        var found = GitCommit.Find(Path.Combine(_dir, "plain"));
        // Temp folders are not inside a checkout; if the machine's temp root were, the answer would still be a commit.
        Assert.True(found is null || found.Length == 40);
        Write("broken/.git/HEAD", "ref: refs/heads/missing\n");
        Assert.Null(GitCommit.Find(Path.Combine(_dir, "broken")));
    }
}
