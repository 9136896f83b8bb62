namespace SkeletonSsl.Data.Formats;

/// <summary>The NumPy element types the kit reads and writes (spec/data.md §6.1).</summary>
public enum NpyElementType
{
    /// <summary><c>f4</c>: float32.</summary>
    Float32,
    /// <summary><c>f8</c>: float64.</summary>
    Float64,
    /// <summary><c>i4</c>: int32.</summary>
    Int32,
    /// <summary><c>i8</c>: int64.</summary>
    Int64,
    /// <summary><c>u1</c>: uint8.</summary>
    UInt8,
    /// <summary><c>b1</c>: bool, one byte 0 or 1.</summary>
    Bool,
}
