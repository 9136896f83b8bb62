namespace SkeletonSsl.Data;

/// <summary>
/// The checks a <see cref="PreparedManifest"/> read from disk must pass before the store is used:
/// counts in range, split, part and file names that stay inside the store folder (they become paths),
/// well-formed hashes, and a content hash that matches the file hashes it summarises.
/// </summary>
internal static class PreparedManifestCheck
{
    public static void Validate(PreparedManifest m, string path)
    {
        const string again = "re-prepare the store with 'data prepare'";
        DataFormatException Bad(string field, string problem) => new(path, $"{problem}; {again}", field: field);

        if (m.NumClasses < 1) throw Bad("numClasses", $"expected at least 1 class, got {m.NumClasses}");
        if (m.Classes.Count != m.NumClasses || m.Classes.Any(c => c is null))
            throw Bad("classes", $"expected {m.NumClasses} class names, got {m.Classes.Count}");
        if (m.Frames < 1) throw Bad("frames", $"expected a positive frame count, got {m.Frames}");
        if (m.Splits.Count == 0 || m.Splits.Any(s => s is null)) throw Bad("splits", "expected at least one split");
        foreach (var split in m.Splits)
        {
            if (!IsName(split.Name)) throw Bad("splits", $"split name '{split.Name}' is not a plain folder name");
            if (split.Parts is null || split.Parts.Count == 0 || split.Parts.Any(p => p is null)) throw Bad(split.Name, "expected at least one part");
            foreach (var part in split.Parts)
            {
                string field = $"{split.Name}/{part.Name}";
                if (!IsName(part.Name)) throw Bad(split.Name, $"part name '{part.Name}' is not a plain file name");
                if (part.Count < 0) throw Bad(field, $"negative clip count {part.Count}");
                if (part.ClassCounts is null || part.ClassCounts.Count != m.NumClasses)
                    throw Bad(field, $"expected a histogram of {m.NumClasses} classes");
                if (part.ClassCounts.Any(c => c < 0) || part.ClassCounts.Sum(c => (long)c) != part.Count)
                    throw Bad(field, $"the class histogram does not add up to the {part.Count} clips");
            }
        }
        foreach (var (file, sha) in m.Files)
        {
            if (!IsRelativePath(file)) throw Bad("files", $"'{file}' is not a path inside the store");
            if (sha is null || sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower)) throw Bad(file, "expected a lower-case hex SHA-256");
        }
        if (m.FileSizes is { } sizes)
            foreach (var (file, size) in sizes)
                if (!m.Files.ContainsKey(file) || size < 0) throw Bad("fileSizes", $"'{file}' has no hash or a negative size");
        if (PreparedStoreWriter.ContentHash(m.Files) != m.ContentHash)
            throw Bad("contentHash", "the content hash does not match the file hashes listed: the manifest was edited");
    }

    private static bool IsName(string? name) =>
        name is { Length: > 0 and <= 255 } && name != "." && name != ".." && name.IndexOfAny(['/', '\\', '\0', ':']) < 0;

    private static bool IsRelativePath(string file) =>
        file.Length > 0 && !Path.IsPathRooted(file) && file.Split('/').All(IsName);
}
