namespace SkeletonSsl.Data.Formats;

/// <summary>One array of a <c>.npz</c> archive: its key (the member name without ".npy"), its .npy
/// header, and whether the member is compressed (np.savez_compressed) or stored (np.savez).</summary>
public sealed record NpzMember(string Key, NpyHeader Header, bool Compressed);
