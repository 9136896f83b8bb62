using System.Text;

namespace SkeletonSsl.Cli.Fuzz;

/// <summary>
/// Applies <see cref="Mutation"/>s to a seed file: the byte-level edits of mutation fuzzers (bit flips,
/// interesting bytes and integers, insertions, deletions, duplicated or spliced ranges, truncation)
/// plus one edit aimed at text formats, which replaces a number with an extreme one. The interesting
/// values are those that break readers: boundaries of 8-, 16-, 32- and 64-bit integers, counts that
/// overflow when multiplied, NaN and infinity.
/// </summary>
public static class Mutator
{
    private static readonly byte[] Bytes = [0x00, 0x01, 0x7F, 0x80, 0xFF, (byte)'\n', (byte)' ', (byte)'-', (byte)'.', (byte)'(', (byte)'}', (byte)'"'];

    private static readonly long[] Integers =
    [
        0, 1, -1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 1L << 32,
        long.MaxValue, long.MinValue, 1L << 62, 1L << 40, 100_000_000, -2,
    ];

    private static readonly string[] Numbers =
    [
        "0", "-1", "2147483647", "2147483648", "-2147483649", "4294967296", "9223372036854775807", "18446744073709551616",
        "99999999999999999999999", "1e39", "-1e39", "1e400", "NaN", "nan", "Infinity", "-Infinity", "-0", "0.0", "1e-400", "",
    ];

    /// <summary>The seed with the edits applied in order (the seed itself is not changed).</summary>
    public static byte[] Apply(byte[] seed, IEnumerable<Mutation> mutations)
    {
        var data = new List<byte>(seed);
        foreach (var m in mutations) Apply(data, m);
        return data.ToArray();
    }

    /// <summary>One to <paramref name="max"/> random edits.</summary>
    public static Mutation[] RandomEdits(Random rng, int max = 4)
    {
        var edits = new Mutation[rng.Next(1, max + 1)];
        for (int i = 0; i < edits.Length; i++) edits[i] = Mutation.Random(rng);
        return edits;
    }

    private static void Apply(List<byte> data, Mutation m)
    {
        int n = data.Count;
        int At(uint x, int extra = 0) => n + extra == 0 ? 0 : (int)(x % (uint)(n + extra));
        int Len(uint x, int max) => 1 + (int)(x % (uint)Math.Max(1, max));
        switch (m.Kind % Mutation.Kinds)
        {
            case 0: // flip one bit
                if (n > 0) data[At(m.A)] ^= (byte)(1 << (int)(m.B % 8));
                break;
            case 1: // an interesting byte, or a random one
                if (n > 0) data[At(m.A)] = m.C % 2 == 0 ? Bytes[m.B % (uint)Bytes.Length] : (byte)m.B;
                break;
            case 2: // insert up to 8 bytes
            {
                var insert = new byte[Len(m.B, 8)];
                for (int i = 0; i < insert.Length; i++) insert[i] = (byte)(m.C >> (8 * (i % 4)));
                data.InsertRange(At(m.A, 1), insert);
                break;
            }
            case 3: // delete a range
                if (n > 0)
                {
                    int at = At(m.A);
                    data.RemoveRange(at, Math.Min(Len(m.B, 64), n - at));
                }
                break;
            case 4: // duplicate a range in place
                if (n > 0)
                {
                    int at = At(m.A), len = Math.Min(Len(m.B, 256), n - at);
                    data.InsertRange(at, data.GetRange(at, len));
                }
                break;
            case 5: // an interesting integer, 1/2/4/8 bytes, either byte order
            {
                int width = 1 << (int)(m.B % 4);
                if (n < width) break;
                long value = Integers[m.C % (uint)Integers.Length];
                bool bigEndian = (m.B >> 2) % 2 == 1;
                int at = At(m.A, 1 - width);
                for (int i = 0; i < width; i++)
                    data[at + (bigEndian ? width - 1 - i : i)] = (byte)(value >> (8 * i));
                break;
            }
            case 6: // replace the number at or after a position with an extreme one (text formats)
                ReplaceNumber(data, At(m.A), Numbers[m.B % (uint)Numbers.Length]);
                break;
            case 7: // truncate
                if (n > 0) data.RemoveRange(At(m.A), n - At(m.A));
                break;
            case 8: // splice: copy a range over another place
                if (n > 1)
                {
                    int from = At(m.A), to = At(m.C), len = Math.Min(Len(m.B, 128), Math.Min(n - from, n - to));
                    var chunk = data.GetRange(from, len);
                    for (int i = 0; i < len; i++) data[to + i] = chunk[i];
                }
                break;
        }
    }

    private static void ReplaceNumber(List<byte> data, int from, string number)
    {
        int start = from;
        while (start < data.Count && !IsNumberByte(data[start])) start++;
        if (start == data.Count) return;
        int end = start;
        while (end < data.Count && IsNumberByte(data[end])) end++;
        data.RemoveRange(start, end - start);
        data.InsertRange(start, Encoding.ASCII.GetBytes(number));
    }

    private static bool IsNumberByte(byte b) => b is >= (byte)'0' and <= (byte)'9' or (byte)'.' or (byte)'-' or (byte)'e' or (byte)'E' or (byte)'+';
}
