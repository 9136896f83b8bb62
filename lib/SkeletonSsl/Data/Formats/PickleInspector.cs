using System.Text.Json.Nodes;

namespace SkeletonSsl.Data.Formats;

/// <summary>Summary of a <c>.pkl</c> file through the restricted unpickler (label-file globals and
/// OrderedDict allowed, nothing runs): its structure, and label statistics when it is a label file.</summary>
internal sealed class PickleInspector : IDataInspector
{
    public bool CanInspect(string path) => File.Exists(path) &&
        (path.EndsWith(".pkl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pickle", StringComparison.OrdinalIgnoreCase));

    public JsonObject Inspect(string path)
    {
        var allow = LabelPickle.Allowlist();
        allow.Add(PickleAllowlist.OrderedDict);
        var root = new Unpickler(allow).Load(path);
        var result = new JsonObject { ["format"] = "pickle", ["structure"] = PickleStructure.Describe(root) };
        try
        {
            var (names, labels) = LabelPickle.FromObject(root, path);
            result["labels"] = new JsonObject
            {
                ["samples"] = names.Length,
                ["classes"] = labels.Distinct().Count(),
                ["min"] = labels.Length == 0 ? null : labels.Min(),
                ["max"] = labels.Length == 0 ? null : labels.Max(),
            };
        }
        catch (DataFormatException) { } // some other pickle: the structure says what it is
        return result;
    }
}
