namespace SkeletonSsl.Experiments;

/// <summary>
/// Reads the current commit from the .git files directly (no git process): HEAD, then the branch ref
/// as a loose file or in packed-refs. Handles a ".git" file that points elsewhere ("gitdir: ...") and
/// linked working trees whose refs live in the common directory.
/// </summary>
public static class GitCommit
{
    /// <summary>The 40-hex commit of the checkout containing <paramref name="start"/>, or null outside one.</summary>
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(dotGit)) return Resolve(dotGit);
            if (File.Exists(dotGit))
            {
                var line = File.ReadAllText(dotGit).Trim();
                if (!line.StartsWith("gitdir:", StringComparison.Ordinal)) return null;
                var gitDir = line["gitdir:".Length..].Trim();
                return Resolve(Path.GetFullPath(gitDir, dir.FullName));
            }
        }
        return null;
    }

    private static string? Resolve(string gitDir)
    {
        var headFile = Path.Combine(gitDir, "HEAD");
        if (!File.Exists(headFile)) return null;
        var head = File.ReadAllText(headFile).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal)) return IsSha(head) ? head : null;
        var reference = head["ref:".Length..].Trim();
        var commonFile = Path.Combine(gitDir, "commondir");
        var common = File.Exists(commonFile) ? Path.GetFullPath(File.ReadAllText(commonFile).Trim(), gitDir) : gitDir;
        foreach (var root in new[] { gitDir, common }.Distinct())
        {
            var loose = Path.Combine(root, reference);
            if (File.Exists(loose) && File.ReadAllText(loose).Trim() is var sha && IsSha(sha)) return sha;
        }
        foreach (var root in new[] { gitDir, common }.Distinct())
        {
            var packed = Path.Combine(root, "packed-refs");
            if (!File.Exists(packed)) continue;
            foreach (var line in File.ReadLines(packed))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && parts[1].Trim() == reference && IsSha(parts[0])) return parts[0];
            }
        }
        return null;
    }

    private static bool IsSha(string text) => text.Length == 40 && text.All(Uri.IsHexDigit);
}
