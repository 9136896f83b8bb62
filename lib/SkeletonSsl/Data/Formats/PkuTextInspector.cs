using System.Text.Json.Nodes;

namespace SkeletonSsl.Data.Formats;

/// <summary>
/// Summary of a PKU-MMD <c>.txt</c> file (spec/data.md §5.2-5.3), which is a skeleton or a label file
/// by content: a first line with commas or four values is a label file, one with 150 values a skeleton.
/// </summary>
internal sealed class PkuTextInspector : IDataInspector
{
    public bool CanInspect(string path) => File.Exists(path) && path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);

    public JsonObject Inspect(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var firstLine = FirstLine(bytes);
        int tokens = System.Text.Encoding.Latin1.GetString(firstLine)
            .Split([' ', '\t', '\r', ','], StringSplitOptions.RemoveEmptyEntries).Length;
        if (firstLine.Contains((byte)',') || tokens == 4) return Labels(PkuLabelFile.Parse(bytes, path));
        if (tokens == PkuSkeleton.ValuesPerFrame || tokens == 0) return Skeleton(PkuSkeletonFile.Parse(bytes, path));
        throw new DataFormatException(path, $"expected a PKU-MMD skeleton line (150 values) or label line (class,start,end,confidence), found {tokens} values", 1, "format");
    }

    private static ReadOnlySpan<byte> FirstLine(ReadOnlySpan<byte> bytes)
    {
        while (true)
        {
            int eol = bytes.IndexOf((byte)'\n');
            var line = eol < 0 ? bytes : bytes[..eol];
            if (line.Trim(" \t\r"u8).Length > 0 || eol < 0) return line;
            bytes = bytes[(eol + 1)..];
        }
    }

    private static JsonObject Skeleton(PkuSkeleton s)
    {
        int second = 0, zero = 0;
        for (int f = 0; f < s.FrameCount; f++)
        {
            var row = s.Frame(f);
            bool hasSecond = row[75..].ContainsAnyExcept(0f);
            if (hasSecond) second++;
            if (!hasSecond && !row[..75].ContainsAnyExcept(0f)) zero++;
        }
        return new JsonObject
        {
            ["format"] = "pku-skeleton",
            ["frames"] = s.FrameCount,
            ["values_per_frame"] = PkuSkeleton.ValuesPerFrame,
            ["frames_with_second_person"] = second,
            ["zero_frames"] = zero,
        };
    }

    private static JsonObject Labels(IReadOnlyList<PkuActionInstance> instances) => new()
    {
        ["format"] = "pku-label",
        ["instances"] = instances.Count,
        ["classes"] = instances.Select(i => i.Class).Distinct().Count(),
        ["class_ids"] = new JsonArray(instances.Select(i => i.Class).Distinct().Order().Select(c => (JsonNode?)c).ToArray()),
        ["first_frame"] = instances.Count == 0 ? null : instances.Min(i => i.Start),
        ["last_frame"] = instances.Count == 0 ? null : instances.Max(i => i.End),
    };
}
