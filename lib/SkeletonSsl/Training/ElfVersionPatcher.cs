using System.Buffers.Binary;
using System.Text;

namespace SkeletonSsl.Training;

/// <summary>
/// Reads and edits the version-needs table (<c>.gnu.version_r</c>) of a 64-bit little-endian ELF
/// shared object. Used by <see cref="NativeRuntime"/> to mark a version need that the system's
/// libstdc++ cannot satisfy as weak (VER_FLG_WEAK), in a private copy of the library only.
/// </summary>
public static class ElfVersionPatcher
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>One entry of the version-needs table.</summary>
    public sealed record VersionNeed(string Library, string Version, ushort Flags, long FlagsOffset)
    {
        public bool IsWeak => (Flags & VerFlgWeak) != 0;
    }

    /// <summary>Lists every (library, version) need of an ELF image.</summary>
    public static IReadOnlyList<VersionNeed> ReadVersionNeeds(ReadOnlySpan<byte> elf, string fileForErrors = "<elf>")
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException($"{fileForErrors}: not an ELF file (bad magic).");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException($"{fileForErrors}: only 64-bit little-endian ELF is supported.");
        long shoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(elf[0x28..]);
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3A..]);
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3C..]);
        var result = new List<VersionNeed>();
        for (int i = 0; i < shnum; i++)
        {
            var sh = elf.Slice((int)(shoff + (long)i * shentsize), shentsize);
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]);
            if (type != ShtGnuVerneed) continue;
            long offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(sh[0x18..]);
            uint link = BinaryPrimitives.ReadUInt32LittleEndian(sh[0x28..]);
            uint count = BinaryPrimitives.ReadUInt32LittleEndian(sh[0x2C..]); // sh_info = number of Verneed entries
            var strSh = elf.Slice((int)(shoff + (long)link * shentsize), shentsize);
            long strOff = (long)BinaryPrimitives.ReadUInt64LittleEndian(strSh[0x18..]);
            long need = offset;
            for (uint n = 0; n < count; n++)
            {
                var vn = elf[(int)need..];
                ushort cnt = BinaryPrimitives.ReadUInt16LittleEndian(vn[2..]);
                uint file = BinaryPrimitives.ReadUInt32LittleEndian(vn[4..]);
                uint aux = BinaryPrimitives.ReadUInt32LittleEndian(vn[8..]);
                uint next = BinaryPrimitives.ReadUInt32LittleEndian(vn[12..]);
                string lib = CString(elf, strOff + file);
                long a = need + aux;
                for (int k = 0; k < cnt; k++)
                {
                    var va = elf[(int)a..];
                    ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(va[4..]);
                    uint name = BinaryPrimitives.ReadUInt32LittleEndian(va[8..]);
                    uint anext = BinaryPrimitives.ReadUInt32LittleEndian(va[12..]);
                    result.Add(new VersionNeed(lib, CString(elf, strOff + name), flags, a + 4));
                    if (anext == 0) break;
                    a += anext;
                }
                if (next == 0) break;
                need += next;
            }
        }
        return result;
    }

    /// <summary>Marks the named version needs weak in place; returns how many entries changed.</summary>
    public static int MarkWeak(Span<byte> elf, Func<VersionNeed, bool> select, string fileForErrors = "<elf>")
    {
        int changed = 0;
        foreach (var need in ReadVersionNeeds(elf, fileForErrors))
        {
            if (need.IsWeak || !select(need)) continue;
            BinaryPrimitives.WriteUInt16LittleEndian(elf[(int)need.FlagsOffset..], (ushort)(need.Flags | VerFlgWeak));
            changed++;
        }
        return changed;
    }

    /// <summary>The symbol-version names an ELF image defines (its <c>.gnu.version_d</c> table).</summary>
    public static IReadOnlySet<string> ReadVersionDefinitions(ReadOnlySpan<byte> elf)
    {
        const uint ShtGnuVerdef = 0x6ffffffd;
        long shoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(elf[0x28..]);
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3A..]);
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3C..]);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < shnum; i++)
        {
            var sh = elf.Slice((int)(shoff + (long)i * shentsize), shentsize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]) != ShtGnuVerdef) continue;
            long offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(sh[0x18..]);
            uint link = BinaryPrimitives.ReadUInt32LittleEndian(sh[0x28..]);
            uint count = BinaryPrimitives.ReadUInt32LittleEndian(sh[0x2C..]);
            var strSh = elf.Slice((int)(shoff + (long)link * shentsize), shentsize);
            long strOff = (long)BinaryPrimitives.ReadUInt64LittleEndian(strSh[0x18..]);
            long def = offset;
            for (uint n = 0; n < count; n++)
            {
                var vd = elf[(int)def..];
                uint aux = BinaryPrimitives.ReadUInt32LittleEndian(vd[12..]);
                uint next = BinaryPrimitives.ReadUInt32LittleEndian(vd[16..]);
                uint name = BinaryPrimitives.ReadUInt32LittleEndian(elf[(int)(def + aux)..]);
                names.Add(CString(elf, strOff + name));
                if (next == 0) break;
                def += next;
            }
        }
        return names;
    }

    private static string CString(ReadOnlySpan<byte> elf, long offset)
    {
        var s = elf[(int)offset..];
        int end = s.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? s : s[..end]);
    }
}
