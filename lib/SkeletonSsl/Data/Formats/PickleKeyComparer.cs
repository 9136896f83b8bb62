using System.Numerics;
using System.Runtime.CompilerServices;

namespace SkeletonSsl.Data.Formats;

/// <summary>Dict-key equality as Python sees it for the key types pickles hold: tuples (object?[])
/// compare by items, numbers by value across long/double/bool, strings and big integers by value, and
/// every other key (a list, a dict, bytes, a tensor, a recorded object) by identity, as Python hashes
/// an object without <c>__eq__</c>. Identity matters: a type whose Equals compares contents but whose
/// hash does not would make lookups depend on where the hashes happen to fall.</summary>
internal sealed class PickleKeyComparer : IEqualityComparer<object>
{
    public static readonly PickleKeyComparer Instance = new();

    public new bool Equals(object? x, object? y)
    {
        if (ReferenceEquals(x, y)) return true;
        if (x is null || y is null) return false;
        if (x is object?[] a && y is object?[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
                if (!Equals(a[i], b[i])) return false;
            return true;
        }
        if (AsNumber(x) is { } nx && AsNumber(y) is { } ny) return nx == ny;
        return (x, y) switch
        {
            (string s, string t) => string.Equals(s, t, StringComparison.Ordinal),
            (BigInteger p, BigInteger q) => p == q,
            _ => false,
        };
    }

    public int GetHashCode(object obj)
    {
        if (obj is object?[] items)
        {
            var hash = new HashCode();
            foreach (var item in items) hash.Add(item is null ? 0 : GetHashCode(item));
            return hash.ToHashCode();
        }
        if (AsNumber(obj) is { } n) return NumberHash(n);
        return obj switch
        {
            string s => s.GetHashCode(),
            BigInteger big => big.GetHashCode(),
            _ => RuntimeHelpers.GetHashCode(obj),
        };
    }

    /// <summary>
    /// double.GetHashCode folds the two halves of the bits together before anything else, so a file can
    /// hold a hundred thousand keys with one hash and make each insertion compare with all the others.
    /// HashCode mixes both halves with a per-process random seed: collisions cannot be made in advance.
    /// </summary>
    private static int NumberHash(double n)
    {
        long bits = BitConverter.DoubleToInt64Bits(n == 0 ? 0.0 : n); // -0.0 equals 0.0, so it hashes alike
        return HashCode.Combine((int)bits, (int)(bits >> 32));
    }

    private static double? AsNumber(object? o) => o switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => null,
    };
}
