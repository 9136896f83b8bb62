namespace SkeletonSsl.Data.Preprocessing;

/// <summary>
/// The two preprocessing families (spec/data.md §4): "aimclr" = ST-GCN gendata then AimCLR's
/// 50-frame step (§4.1 + §4.2); "cmd" = the 2s-AGCN/MS-G3D recipe used by CMD, PCM3 and A2MC
/// (§4.3, 300 frames, pre_normalization; the 64-frame crop-resize happens at feed time).
/// </summary>
public sealed record PreparePipeline(string Name, string Version, int Frames, string Description)
{
    public static readonly PreparePipeline AimClr = new("aimclr", "1", AimClrFrame50.OutputFrames,
        "ST-GCN gendata (first two bodies) + AimCLR 50-frame step: centre on SpineShoulder, OpenCV linear resize, per-frame y-rotation");

    public static readonly PreparePipeline Cmd = new("cmd", "1", RawSkeletonArray.Frames,
        "2s-AGCN/MS-G3D: two most energetic bodies, pad by repetition, centre on SpineMid, align spine to +z and shoulders to +x");

    public static PreparePipeline Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "aimclr" => AimClr,
        "cmd" or "pcm3" => Cmd,
        _ => throw new ArgumentException($"unknown pipeline '{name}': expected aimclr or cmd"),
    };
}
