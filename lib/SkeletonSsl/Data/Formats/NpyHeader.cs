using static TorchSharp.torch;

namespace SkeletonSsl.Data.Formats;

/// <summary>
/// The header of a <c>.npy</c> file (spec/data.md §6.1): element type and byte order (from
/// <c>descr</c>), memory order, shape, and where the raw data starts.
/// </summary>
public sealed record NpyHeader(NpyElementType ElementType, bool BigEndian, bool FortranOrder, long[] Shape, long DataOffset)
{
    /// <summary>Bytes per element.</summary>
    public int ItemSize => ItemSizeOf(ElementType);

    /// <summary>Number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long Count => Shape.Aggregate(1L, (a, b) => checked(a * b));

    /// <summary>Bytes of data after the header.</summary>
    public long DataBytes => checked(Count * ItemSize);

    /// <summary>The NumPy <c>descr</c> string, e.g. <c>&lt;f4</c>.</summary>
    public string Descr => DescrOf(ElementType, BigEndian);

    /// <summary>The matching TorchSharp element type.</summary>
    public ScalarType ScalarType => ScalarTypeOf(ElementType);

    /// <summary>The shape as NumPy prints it, e.g. <c>(2, 3)</c>, <c>(5,)</c>, <c>()</c>.</summary>
    public string ShapeText => Shape.Length == 1 ? $"({Shape[0]},)" : $"({string.Join(", ", Shape)})";

    public static int ItemSizeOf(NpyElementType type) => type switch
    {
        NpyElementType.Float32 or NpyElementType.Int32 => 4,
        NpyElementType.Float64 or NpyElementType.Int64 => 8,
        _ => 1,
    };

    public static string DescrOf(NpyElementType type, bool bigEndian = false) => type switch
    {
        NpyElementType.Float32 => bigEndian ? ">f4" : "<f4",
        NpyElementType.Float64 => bigEndian ? ">f8" : "<f8",
        NpyElementType.Int32 => bigEndian ? ">i4" : "<i4",
        NpyElementType.Int64 => bigEndian ? ">i8" : "<i8",
        NpyElementType.UInt8 => "|u1",
        _ => "|b1",
    };

    public static ScalarType ScalarTypeOf(NpyElementType type) => type switch
    {
        NpyElementType.Float32 => ScalarType.Float32,
        NpyElementType.Float64 => ScalarType.Float64,
        NpyElementType.Int32 => ScalarType.Int32,
        NpyElementType.Int64 => ScalarType.Int64,
        NpyElementType.UInt8 => ScalarType.Byte,
        _ => ScalarType.Bool,
    };

    public static NpyElementType ElementTypeOf(ScalarType type) => type switch
    {
        ScalarType.Float32 => NpyElementType.Float32,
        ScalarType.Float64 => NpyElementType.Float64,
        ScalarType.Int32 => NpyElementType.Int32,
        ScalarType.Int64 => NpyElementType.Int64,
        ScalarType.Byte => NpyElementType.UInt8,
        ScalarType.Bool => NpyElementType.Bool,
        _ => throw new ArgumentException($"no .npy element type for tensors of {type}; convert to float32, float64, int32, int64, uint8 or bool first"),
    };

    public static NpyElementType ElementTypeOf(Type clrType) =>
        clrType == typeof(float) ? NpyElementType.Float32
        : clrType == typeof(double) ? NpyElementType.Float64
        : clrType == typeof(int) ? NpyElementType.Int32
        : clrType == typeof(long) ? NpyElementType.Int64
        : clrType == typeof(byte) ? NpyElementType.UInt8
        : clrType == typeof(bool) ? NpyElementType.Bool
        : throw new ArgumentException($"no .npy element type for {clrType.Name}; use float, double, int, long, byte or bool");
}
