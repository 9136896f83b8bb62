using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Data.Preprocessing;
using SkeletonSsl.Data.Splits;
using SkeletonSsl.Data.Synthetic;
using SkeletonSsl.Tests.Data.Formats;
using SkeletonSsl.Training;

namespace SkeletonSsl.Tests.Data.Preprocessing;

public sealed class PkuDetectionPreparationTests
{
    [Fact]
    public void Detection_store_keeps_whole_recordings_raw_with_frame_labels_from_the_label_files()
    {
        NativeRuntime.EnsureInitialised();
        using var dir = new TempDir();
        var generator = new SyntheticPkuGenerator(SyntheticPkuConfig.For(SyntheticSize.Smoke));
        generator.Write(dir.File("raw"));
        var manifest = PkuDetectionPreparer.Prepare("pku1", dir.File("raw"), dir.File("det"));
        Assert.Equal(PkuDetectionPreparer.Pipeline, manifest.Pipeline);
        var store = PreparedStore.Open(dir.File("det"));
        var split = PkuSplitFile.Read(Path.Combine(dir.File("raw"), "Split", "cross-subject.txt"));
        var (train, test) = DetectionSet.Load(store, "xsub");
        using (train)
        using (test)
        {
            Assert.Equal(split.Train.Order(StringComparer.Ordinal), train.Videos);
            Assert.Equal(split.Val.Order(StringComparer.Ordinal), test.Videos);
            Assert.Equal(manifest.Frames, (int)Math.Max(train.Frames.Max(), test.Frames.Max()));    // padded to the longest recording
            for (int n = 0; n < test.Count; n++)
            {
                string video = test.Videos[n];
                var skeleton = PkuSkeletonFile.Read(Path.Combine(dir.File("raw"), SyntheticPkuGenerator.SkeletonFolder, video + ".txt"));
                var instances = PkuLabelFile.Read(Path.Combine(dir.File("raw"), SyntheticPkuGenerator.LabelFolder, video + ".txt"));
                Assert.Equal(skeleton.FrameCount, test.Frames[n]);
                // Raw coordinates (no pre_normalization): frame 5, person 1, joint 3 (0-based 2), y = value 2·3 + 1 of the line.
                Assert.Equal(skeleton.Values[5 * 150 + 2 * 3 + 1], test.Recordings.Data[n, 1, 5, 2, 0].item<float>());
                var expected = Enumerable.Repeat(0L, skeleton.FrameCount).ToArray();
                foreach (var i in instances) for (int f = i.Start - 1; f < i.End; f++) expected[f] = i.Class;    // inclusive, 1-based
                var labels = test.FrameLabels[n].data<long>().ToArray();
                Assert.Equal(expected, labels[..skeleton.FrameCount]);
                Assert.All(labels[skeleton.FrameCount..], l => Assert.Equal(PkuFrameLabels.Padding, l));
                Assert.True(test.Recordings.Data[n, .., skeleton.FrameCount..].abs().sum().item<float>() == 0, "the padding is not zero");
            }
        }
    }

    [Fact]
    public void Synthetic_recordings_are_hard_to_segment_varied_lengths_short_pauses_and_unannotated_motion()
    {
        var generator = new SyntheticPkuGenerator(SyntheticPkuConfig.For(SyntheticSize.Smoke));
        var rendered = generator.Videos.Where(v => v.View == "M").Select(generator.Render).ToArray();
        var instances = rendered.SelectMany(r => r.Labels).ToArray();
        var pauses = rendered.SelectMany(r => r.Labels.Zip(r.Labels.Skip(1), (a, b) => b.Start - a.End - 1)).ToArray();
        Assert.Contains(pauses, p => p <= 6);                                               // neighbours nearly touch
        Assert.Contains(pauses, p => p >= 24);                                              // and long idle stretches
        var spread = instances.GroupBy(i => i.Class).Where(g => g.Count() >= 3).Select(g => (double)g.Max(i => i.Length) / g.Min(i => i.Length)).ToArray();
        Assert.True(spread.Count(r => r >= 1.3) * 2 >= spread.Length, $"instance lengths of a class barely vary: max/min {string.Join(", ", spread.Select(r => r.ToString("F2")))}");
        // Background motion: some idle gap moves clearly more than the calmest gaps (an unannotated, damped action).
        var gapMotion = rendered.SelectMany(r => r.Labels.Zip(r.Labels.Skip(1), (a, b) => (From: a.End, To: b.Start - 1))
                                                  .Where(g => g.To - g.From >= 8).Select(g => Motion(r.Skeleton, g.From, g.To))).ToArray();
        Assert.True(gapMotion.Max() > 3 * gapMotion.Order().ElementAt(gapMotion.Length / 4), "no idle gap holds background motion");
    }

    [Fact]
    public void A_label_class_outside_the_dataset_is_an_error_naming_file_line_and_field()
    {
        NativeRuntime.EnsureInitialised();
        using var dir = new TempDir();
        var generator = new SyntheticPkuGenerator(SyntheticPkuConfig.For(SyntheticSize.Smoke));
        generator.Write(dir.File("raw"));
        string video = generator.Videos[0].Name;
        string labelPath = Path.Combine(dir.File("raw"), SyntheticPkuGenerator.LabelFolder, video + ".txt");
        var lines = File.ReadAllLines(labelPath);
        lines[1] = "40," + lines[1][(lines[1].IndexOf(',') + 1)..];                          // the Smoke set has 8 classes
        File.WriteAllLines(labelPath, lines);
        var e = Assert.Throws<DataFormatException>(() => PkuDetectionPreparer.Prepare("pku1", dir.File("raw"), dir.File("det")));
        Assert.Equal(labelPath, e.File);
        Assert.Equal(2, e.Line);
        Assert.Equal("class", e.Field);
        Assert.False(Directory.Exists(dir.File("det")), "a failed preparation left a store");
    }

    [Fact]
    public void A_store_of_trimmed_clips_has_no_frame_labels_and_says_how_to_make_one()
    {
        var store = PreparedStore.Open(SmokeStores.Cmd);
        Assert.False(store.HasFrameLabels("xsub", "val"));
        var e = Assert.Throws<DataFormatException>(() => store.LoadFrameLabels("xsub", "val"));
        Assert.Contains("--pipeline detection", e.Message);
        Assert.True(PreparedStore.Open(SmokeStores.Detection).HasFrameLabels("xsub", "val"));
    }

    /// <summary>Mean absolute frame-to-frame change of person 1's wrists and ankles over 1-based frames [from, to].</summary>
    private static double Motion(PkuSkeleton s, int from, int to)
    {
        int[] joints = [6, 10, 14, 18];
        double sum = 0;
        int n = 0;
        for (int f = from; f < to; f++)
            foreach (int j in joints)
                for (int c = 0; c < 3; c++, n++)
                    sum += Math.Abs(s.Values[f * 150 + j * 3 + c] - s.Values[(f - 1) * 150 + j * 3 + c]);
        return sum / Math.Max(1, n);
    }
}
