using System.Numerics;
using System.Text.Json.Nodes;

namespace SkeletonSsl.Data.Formats;

/// <summary>
/// A JSON outline of an unpickled value for <c>data inspect</c>: each node names its Python type;
/// containers give their length and the first few items, scalars their value.
/// </summary>
public static class PickleStructure
{
    /// <summary>Describes <paramref name="value"/> (an <see cref="Unpickler"/> result) down to <paramref name="depth"/> levels.</summary>
    public static JsonObject Describe(object? value, int firstItems = 3, int depth = 4)
    {
        switch (value)
        {
            case null: return new JsonObject { ["type"] = "None" };
            case bool b: return new JsonObject { ["type"] = "bool", ["value"] = b };
            case long l: return new JsonObject { ["type"] = "int", ["value"] = l };
            // Decimal conversion is quadratic in the digits: a megabyte-long LONG4 would take minutes.
            case BigInteger big: return new JsonObject { ["type"] = "int", ["value"] = big.GetByteCount() <= 64 ? big.ToString() : $"({big.GetBitLength()} bits)" };
            case double d: return new JsonObject { ["type"] = "float", ["value"] = double.IsFinite(d) ? d : d.ToString() };
            case string s: return new JsonObject { ["type"] = "str", ["value"] = s.Length > 80 ? s[..80] + "..." : s };
            case byte[] bytes: return new JsonObject { ["type"] = "bytes", ["length"] = bytes.Length };
            case PickleGlobal g: return new JsonObject { ["type"] = "global", ["value"] = g.ToString() };
            case PickleObject o:
                return new JsonObject
                {
                    ["type"] = $"{o.Module}.{o.Name}",
                    ["args"] = depth > 0 ? Describe(o.Args, firstItems, depth - 1) : null,
                    ["state"] = depth > 0 && o.State is not null ? Describe(o.State, firstItems, depth - 1) : null,
                };
            case object?[] tuple: return Sequence("tuple", tuple, firstItems, depth);
            case List<object?> list: return Sequence("list", list, firstItems, depth);
            case Dictionary<object, object?> dict:
            {
                var node = new JsonObject { ["type"] = dict is PickleOrderedDict ? "collections.OrderedDict" : "dict", ["length"] = dict.Count };
                if (depth <= 0) return node;
                var items = new JsonArray();
                foreach (var (k, v) in dict.Take(firstItems))
                    items.Add(new JsonObject { ["key"] = Describe(k, firstItems, 0), ["value"] = Describe(v, firstItems, depth - 1) });
                node["first_items"] = items;
                return node;
            }
            default: return new JsonObject { ["type"] = value.GetType().Name, ["value"] = value.ToString() };
        }
    }

    private static JsonObject Sequence(string type, IReadOnlyList<object?> items, int firstItems, int depth)
    {
        var node = new JsonObject { ["type"] = type, ["length"] = items.Count };
        var kinds = items.Select(TypeName).Distinct().ToList();
        if (kinds.Count > 0) node["item_types"] = new JsonArray(kinds.Select(k => (JsonNode?)k).ToArray());
        if (depth <= 0) return node;
        // A short tuple is shown whole: it is usually a record such as (names, labels).
        int shown = type == "tuple" && items.Count <= 8 ? items.Count : Math.Min(firstItems, items.Count);
        node[shown == items.Count ? "items" : "first_items"] =
            new JsonArray(items.Take(shown).Select(i => (JsonNode?)Describe(i, firstItems, depth - 1)).ToArray());
        return node;
    }

    private static string TypeName(object? value) => value switch
    {
        null => "None",
        bool => "bool",
        long or BigInteger => "int",
        double => "float",
        string => "str",
        byte[] => "bytes",
        object?[] => "tuple",
        List<object?> => "list",
        PickleOrderedDict => "collections.OrderedDict",
        Dictionary<object, object?> => "dict",
        PickleObject o => $"{o.Module}.{o.Name}",
        _ => value.GetType().Name,
    };
}
