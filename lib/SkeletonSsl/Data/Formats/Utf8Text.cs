using System.Globalization;

namespace SkeletonSsl.Data.Formats;

/// <summary>
/// Number parsing and formatting on UTF-8 bytes for the text skeleton formats (spec/data.md §1.2, §5.2):
/// invariant culture, optional sign, decimal point, exponent; no allocation per token.
/// </summary>
internal static class Utf8Text
{
    private static readonly double[] Pow10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// Parses a decimal number as a correctly rounded double. The reference pipelines parse with
    /// Python's float() and then store float32, so callers that need float32 cast this result
    /// (the same double rounding, hence bit-identical values).
    /// </summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value)
    {
        if (TryParseDoublePrefix(s, out value, out int consumed) && consumed == s.Length) return true;
        // "NaN", "Infinity" and other forms the fast scanner does not take.
        return consumed == 0 && SlowPath(s, out value);
    }

    /// <summary>
    /// Parses the longest prefix of <paramref name="s"/> of the form [sign] digits [. digits] [e [sign] digits];
    /// <paramref name="consumed"/> is its length (0 when there is none).
    /// </summary>
    public static bool TryParseDoublePrefix(ReadOnlySpan<byte> s, out double value, out int consumed)
    {
        value = 0;
        consumed = 0;
        int i = 0, n = s.Length;
        if (n == 0) return false;
        bool negative = false;
        if (s[0] == (byte)'-') { negative = true; i++; }
        else if (s[0] == (byte)'+') i++;
        ulong mantissa = 0;
        int significant = 0, exp10 = 0;
        bool anyDigit = false;
        for (; i < n; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) break;
            anyDigit = true;
            if (significant < 19) { mantissa = mantissa * 10 + d; if (mantissa != 0) significant++; }
            else { exp10++; significant++; }
        }
        if (i < n && s[i] == (byte)'.')
        {
            for (i++; i < n; i++)
            {
                uint d = (uint)(s[i] - '0');
                if (d > 9) break;
                anyDigit = true;
                if (significant < 19) { mantissa = mantissa * 10 + d; exp10--; if (mantissa != 0) significant++; }
                else significant++;
            }
        }
        if (!anyDigit) return false;
        if (i < n && (s[i] | 0x20) == (byte)'e')
        {
            int j = i + 1;
            bool expNegative = false;
            if (j < n && (s[j] == (byte)'-' || s[j] == (byte)'+')) { expNegative = s[j] == (byte)'-'; j++; }
            if (j == n || (uint)(s[j] - '0') > 9) { consumed = j; return false; } // "1e", "1e+": malformed
            int e = 0;
            for (; j < n; j++)
            {
                uint d = (uint)(s[j] - '0');
                if (d > 9) break;
                if (e < 100000) e = e * 10 + (int)d;
            }
            exp10 += expNegative ? -e : e;
            i = j;
        }
        consumed = i;
        // Clinger's fast path: a mantissa below 2^53 and |exp10| <= 22 give one exactly rounded operation.
        if (significant <= 15 && exp10 is >= -22 and <= 22)
        {
            double v = mantissa;
            v = exp10 < 0 ? v / Pow10[-exp10] : v * Pow10[exp10];
            value = negative ? -v : v;
            return true;
        }
        return SlowPath(s[..i], out value);
    }

    private static bool SlowPath(ReadOnlySpan<byte> s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool TryParseInt32(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        if (s.Length == 0) return false;
        int i = 0;
        bool negative = s[0] == (byte)'-';
        if (negative || s[0] == (byte)'+') i++;
        if (i == s.Length) return false;
        long v = 0;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return false;
            v = v * 10 + d;
            if (v > (long)int.MaxValue + 1) return false;
        }
        v = negative ? -v : v;
        if (v > int.MaxValue) return false;
        value = (int)v;
        return true;
    }

    public static bool TryParseUInt64(ReadOnlySpan<byte> s, out ulong value)
    {
        value = 0;
        if (s.Length == 0) return false;
        int i = s[0] == (byte)'+' ? 1 : 0;
        if (i == s.Length) return false;
        ulong v = 0;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return false;
            if (v > (ulong.MaxValue - d) / 10) return false;
            v = v * 10 + d;
        }
        value = v;
        return true;
    }
}
