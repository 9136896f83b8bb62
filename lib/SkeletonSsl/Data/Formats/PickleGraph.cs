namespace SkeletonSsl.Data.Formats;

/// <summary>
/// Walks the object graphs an <see cref="Unpickler"/> returns without recursion and without visiting
/// a shared object twice. A pickle's memo lets a small file make a graph that is a million levels deep
/// (recursion would overflow the stack), that shares one object 2^40 times over (a naive walk would
/// never end), or that holds itself (a list appended to itself); every walk over loaded values goes
/// through here.
/// </summary>
public static class PickleGraph
{
    /// <summary>
    /// Every distinct container and value reachable from <paramref name="root"/> (the root included), each
    /// once, compared by reference: dict keys and values, list and tuple items, a
    /// <see cref="PickleObject"/>'s arguments and state, a <see cref="PickleOrderedDict"/>'s attributes.
    /// Numbers and strings are yielded each time they are met (they hold nothing and are not shared state).
    /// </summary>
    public static IEnumerable<object> Distinct(object? root)
    {
        if (root is null) yield break;
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!node.GetType().IsValueType && node is not string && !seen.Add(node)) continue;
            yield return node;
            switch (node)
            {
                case Dictionary<object, object?> d:
                    foreach (var (k, v) in d)
                    {
                        pending.Push(k);
                        if (v is not null) pending.Push(v);
                    }
                    if (d is PickleOrderedDict { Attributes: { } attributes }) pending.Push(attributes);
                    break;
                case List<object?> l:
                    foreach (var v in l) if (v is not null) pending.Push(v);
                    break;
                case object?[] a:
                    foreach (var v in a) if (v is not null) pending.Push(v);
                    break;
                case PickleObject o:
                    pending.Push(o.Args);
                    if (o.State is not null) pending.Push(o.State);
                    break;
            }
        }
    }

    /// <summary>
    /// How many nodes a dict key spans when read as a tree, i.e. the work one hash or one equality test
    /// of it costs (tuples are compared item by item): 1 for a scalar, 1 + the items' spans for a tuple.
    /// Shared sub-tuples are measured once but counted each time they occur, so a 40-level memo DAG
    /// spans 2^40. Stops counting past <paramref name="limit"/> and returns a value above it.
    /// </summary>
    public static long KeySpan(object key, long limit)
    {
        if (key is not object?[] top) return 1;
        var span = new Dictionary<object?[], long>(ReferenceEqualityComparer.Instance);
        // Post-order with an explicit stack: a tuple is summed once all its sub-tuples have a span.
        var pending = new Stack<(object?[] Tuple, bool ChildrenDone)>();
        pending.Push((top, false));
        while (pending.Count > 0)
        {
            var (tuple, childrenDone) = pending.Pop();
            if (span.ContainsKey(tuple)) continue;
            if (!childrenDone)
            {
                pending.Push((tuple, true));
                foreach (var item in tuple)
                    if (item is object?[] inner && !span.ContainsKey(inner)) pending.Push((inner, false));
                if (pending.Count > limit) return limit + 1; // deeper than the limit: no need to finish
                continue;
            }
            long total = 1;
            foreach (var item in tuple)
            {
                total += item is object?[] inner ? span[inner] : 1;
                if (total > limit) return limit + 1;
            }
            span[tuple] = total;
        }
        return span[top];
    }
}
