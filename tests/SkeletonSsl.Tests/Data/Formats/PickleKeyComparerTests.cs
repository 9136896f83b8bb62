using System.Numerics;
using SkeletonSsl.Data.Formats;

namespace SkeletonSsl.Tests.Data.Formats;

public sealed class PickleKeyComparerTests
{
    private static readonly PickleKeyComparer C = PickleKeyComparer.Instance;

    [Fact]
    public void Numbers_compare_by_value_across_int_float_and_bool_and_hash_alike()
    {
        Assert.True(C.Equals(1L, 1.0) && C.Equals(1L, true) && C.Equals(0.0, -0.0));
        Assert.Equal(C.GetHashCode(1L), C.GetHashCode(1.0));
        Assert.Equal(C.GetHashCode(true), C.GetHashCode(1L));
        Assert.Equal(C.GetHashCode(0.0), C.GetHashCode(-0.0));
        Assert.False(C.Equals(double.NaN, double.NaN)); // as in Python, unless it is the same object
    }

    [Fact]
    public void Tuples_compare_by_items_strings_and_big_integers_by_value()
    {
        object a = new object?[] { "x", 1L, new object?[] { 2.0, null } }, b = new object?[] { "x", 1.0, new object?[] { 2L, null } };
        Assert.True(C.Equals(a, b));
        Assert.Equal(C.GetHashCode(a), C.GetHashCode(b));
        Assert.True(C.Equals(new string('s', 3), "sss"));
        Assert.True(C.Equals(BigInteger.Pow(2, 70), BigInteger.Pow(2, 70)));
    }

    [Fact]
    public void Other_objects_are_keys_by_identity_so_equality_always_agrees_with_the_hash()
    {
        var l1 = new List<object?> { 1L };
        var l2 = new List<object?> { 1L };
        Assert.False(C.Equals(l1, l2));
        Assert.True(C.Equals(l1, l1));
        Assert.False(C.Equals(new byte[] { 1 }, new byte[] { 1 }));
        var dict = new Dictionary<object, object?>(C) { [l1] = 1, [l2] = 2 };
        Assert.Equal(2, dict.Count);
    }
}
