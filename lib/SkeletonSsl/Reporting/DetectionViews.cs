using Microsoft.Data.Analysis;
using Plotly.NET;
using SkeletonSsl.Data;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Evaluation.Detection;
using static TorchSharp.torch;

namespace SkeletonSsl.Reporting;

/// <summary>
/// What PCM3 Table 5's detection protocol reads and predicts (§4.3 item 4; spec/pcm3.md §8.7): the untrimmed recordings'
/// statistics, one recording's ground-truth segments (the runs of its frame labels, <see cref="ActionDetection.GroundTruth"/>),
/// and the windows the protocol cuts around a frame (<see cref="DetectionWindows"/>). Reads the parts, does not own them.
/// Used by notebooks/PCM3/Table5-detection.ipynb.
/// </summary>
public sealed class DetectionViews(DetectionSet train, DetectionSet test)
{
    /// <summary>Per part: recordings, frames per recording, annotated instances, and the share of background frames.</summary>
    public DataFrame Statistics()
    {
        (string Part, DetectionSet Set)[] parts = [("train", train), ("test", test)];
        var rows = parts.Select(p =>
        {
            using var scope = NewDisposeScope();
            var valid = p.Set.FrameLabels.ne(PkuFrameLabels.Padding);
            double background = p.Set.FrameLabels.eq(PkuFrameLabels.Background).sum().item<long>() / (double)valid.sum().item<long>();
            return (p.Part, p.Set.Count, p.Set.Frames.Min(), p.Set.Frames.Average(), p.Set.Frames.Max(), ActionDetection.GroundTruth(p.Set).Count, background);
        }).ToArray();
        return new DataFrame(
            new StringDataFrameColumn("part", rows.Select(r => r.Part)),
            new Int32DataFrameColumn("recordings", rows.Select(r => r.Item2)),
            new Int64DataFrameColumn("frames, min", rows.Select(r => r.Item3)),
            new DoubleDataFrameColumn("frames, mean", rows.Select(r => Math.Round(r.Item4, 1))),
            new Int64DataFrameColumn("frames, max", rows.Select(r => r.Item5)),
            new Int32DataFrameColumn("instances", rows.Select(r => r.Item6)),
            new DoubleDataFrameColumn("background share", rows.Select(r => Math.Round(r.background, 3))));
    }

    /// <summary>The ground-truth segments of test recording <paramref name="recording"/> as a timeline.</summary>
    public GenericChart GroundTruth(int recording = 0)
    {
        string video = test.Videos[recording];
        var segments = ActionDetection.GroundTruth(test).Where(s => s.Video == video)
                                      .Select(s => new TimelineSegment($"A{s.Class:D2}", s.Start, s.End)).ToList();
        return Charts.Timeline(new TimelineData($"{video}: ground-truth segments ({test.Frames[recording]} frames)", (int)test.Frames[recording],
                                                [new TimelineTrack("ground truth", segments)]));
    }

    /// <summary>
    /// The frames the protocol reads for frame <paramref name="frame"/> of test recording <paramref name="recording"/>: its
    /// test window (64 raw frames at stride 4) and three training windows centred there at strides 3, 4 and 5 (16 frames
    /// each), as frame-number tracks next to the frame's label.
    /// </summary>
    public GenericChart Windows(int recording = 0, int frame = 100)
    {
        long length = test.Frames[recording];
        frame = (int)Math.Clamp(frame, 0, length - 1);
        using var scope = NewDisposeScope();
        var testWindow = DetectionWindows.Test(length)[frame].data<long>().ToArray();
        var tracks = new List<TimelineTrack> { Track("test, stride 4", testWindow) };
        foreach (int d in DetectionWindows.TrainStrides)
        {
            long start = Math.Max(0, Math.Min(frame - 8L * d, length - 16L * d));
            tracks.Add(Track($"train, stride {d}", [.. Enumerable.Range(0, DetectionWindows.Steps).Select(k => Math.Min(start + k * d, length - 1))]));
        }
        long label = test.FrameLabels[recording, frame].item<long>();
        tracks.Add(new TimelineTrack("target frame", [new TimelineSegment(label == 0 ? "background" : $"A{label:D2}", frame + 1, frame + 1)]));
        return Charts.Timeline(new TimelineData($"{test.Videos[recording]}: the windows around frame {frame + 1} (last step = the prediction)", (int)length, tracks));

        static TimelineTrack Track(string name, IReadOnlyList<long> frames) =>
            new(name, [.. frames.Select(f => new TimelineSegment("window frame", (int)f + 1, (int)f + 1))]);
    }
}
