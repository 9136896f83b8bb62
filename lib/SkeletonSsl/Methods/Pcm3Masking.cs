namespace SkeletonSsl.Methods;

/// <summary>How PCM3 masks the third view (paper §3.2, Table 10; spec/pcm3.md §6.1).</summary>
public enum Pcm3Masking
{
    /// <summary>The paper's topology-based mask: whole body parts per 8-frame clip, person 0 only, one pattern per batch.</summary>
    Topology,

    /// <summary>Table 10's "Random" column: single joints per frame at the same ratio, person 0 only, one pattern per batch.</summary>
    Random,
}
