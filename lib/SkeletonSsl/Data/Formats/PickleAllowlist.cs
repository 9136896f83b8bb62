using System.Collections;

namespace SkeletonSsl.Data.Formats;

/// <summary>
/// The globals an <see cref="Unpickler"/> may resolve, keyed by (module, name). Anything not listed is
/// refused. Build one with a collection initializer:
/// <code>
/// var allow = new PickleAllowlist
/// {
///     PickleAllowlist.OrderedDict,
///     PickleGlobal.Function("torch._utils", "_rebuild_tensor_v2", call: args => RebuildTensor(args)),
///     PickleGlobal.Recording("torch", "FloatStorage"),
/// };
/// </code>
/// </summary>
public sealed class PickleAllowlist : IEnumerable<PickleGlobal>
{
    private readonly Dictionary<(string Module, string Name), PickleGlobal> _globals = new();

    /// <summary>An allowlist that refuses every global: only plain data (lists, dicts, tuples, numbers, strings, bytes).</summary>
    public static PickleAllowlist Empty => new();

    /// <summary><c>collections.OrderedDict</c>: REDUCE with no arguments gives a <see cref="PickleOrderedDict"/>;
    /// BUILD stores the instance attributes (e.g. a PyTorch state dict's <c>_metadata</c>) on it.</summary>
    public static PickleGlobal OrderedDict => PickleGlobal.Function("collections", "OrderedDict",
        call: args => args.Length == 0 ? new PickleOrderedDict()
            : throw new ArgumentException("collections.OrderedDict is only supported with no arguments"),
        build: (target, state) =>
        {
            var dict = (PickleOrderedDict)target;
            dict.Attributes = state;
            return dict;
        });

    /// <summary>Adds (or replaces) the handler for its (module, name).</summary>
    public void Add(PickleGlobal handler) => _globals[(handler.Module, handler.Name)] = handler;

    /// <summary>Adds several handlers.</summary>
    public void AddRange(IEnumerable<PickleGlobal> handlers)
    {
        foreach (var h in handlers) Add(h);
    }

    public bool TryGet(string module, string name, out PickleGlobal handler) =>
        _globals.TryGetValue((module, name), out handler!);

    public int Count => _globals.Count;

    public IEnumerator<PickleGlobal> GetEnumerator() => _globals.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
