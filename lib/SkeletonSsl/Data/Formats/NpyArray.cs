namespace SkeletonSsl.Data.Formats;

/// <summary>
/// A <c>.npy</c> array held in a plain .NET array: <see cref="Data"/> is a one-dimensional
/// <c>float[]</c>, <c>double[]</c>, <c>int[]</c>, <c>long[]</c>, <c>byte[]</c> or <c>bool[]</c> (by
/// <see cref="ElementType"/>) in C (row-major) order and machine byte order, whatever the file used.
/// </summary>
public sealed record NpyArray(NpyElementType ElementType, long[] Shape, Array Data)
{
    /// <summary>Number of elements (1 for a scalar).</summary>
    public long Count => Data.LongLength;

    /// <summary>The data as <typeparamref name="T"/>[]; the stored element type must be exactly T.</summary>
    public T[] As<T>() => Data as T[] ?? throw new InvalidCastException(
        $"the array holds {NpyHeader.DescrOf(ElementType)}, not {typeof(T).Name}");

    /// <summary>
    /// Integer values widened to int64 (accepts i4, i8, u1, b1: e.g. a <c>num_frame.npy</c> written
    /// with dtype "int", which is i8 on Linux and i4 under Windows NumPy 1.x; spec/data.md §4.3).
    /// </summary>
    public long[] ToInt64() => Data switch
    {
        long[] a => a,
        int[] a => Array.ConvertAll(a, v => (long)v),
        byte[] a => Array.ConvertAll(a, v => (long)v),
        bool[] a => Array.ConvertAll(a, v => v ? 1L : 0L),
        _ => throw new InvalidCastException($"the array holds {NpyHeader.DescrOf(ElementType)}, not integers"),
    };

    /// <summary>Values converted to float64 (any element type).</summary>
    public double[] ToFloat64() => Data switch
    {
        double[] a => a,
        float[] a => Array.ConvertAll(a, v => (double)v),
        long[] a => Array.ConvertAll(a, v => (double)v),
        int[] a => Array.ConvertAll(a, v => (double)v),
        byte[] a => Array.ConvertAll(a, v => (double)v),
        bool[] a => Array.ConvertAll(a, v => v ? 1.0 : 0.0),
        _ => throw new InvalidCastException("unknown element type"),
    };
}
