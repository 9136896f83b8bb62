using SkeletonSsl.Data;
using SkeletonSsl.Evaluation;
using SkeletonSsl.Skeletons;

namespace SkeletonSsl.Tests.Evaluation;

public sealed class EvaluationJsonTests
{
    [Fact]
    public void A_classifier_result_survives_a_round_trip_through_a_file()
    {
        var result = new ClassifierResult("linear", SkeletonStream.Bone, 0.75, 0.9, 10, 0.7, 0.88, 100, 4,
            [new EvaluationCheck(5, 0.5, 0.8, 1.2, 3.0), new EvaluationCheck(10, 0.75, 0.9, 0.6, 0.3)],
            new Dictionary<string, float[]> { ["S001C001P001R001A001"] = [0.5f, -1f] },
            new Dictionary<string, long> { ["S001C001P001R001A001"] = 1 });
        string path = Path.Combine(Path.GetTempPath(), $"result-{Guid.NewGuid():N}.json");
        try
        {
            EvaluationJson.Write(result, path);
            Assert.Contains("\"Bone\"", File.ReadAllText(path));
            var back = EvaluationJson.Read<ClassifierResult>(path);
            Assert.Equal(result.Top1, back.Top1);
            Assert.Equal(result.History, back.History);
            Assert.Equal(result.BestLogits["S001C001P001R001A001"], back.BestLogits["S001C001P001R001A001"]);
            Assert.Equal(1L, back.Labels["S001C001P001R001A001"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Configs_round_trip_and_malformed_files_name_the_file()
    {
        var config = LinearProbeConfig.Cmd;
        var back = EvaluationJson.Deserialize<LinearProbeConfig>(EvaluationJson.Serialize(config));
        Assert.Equal(config.Recipe.Milestones, back.Recipe.Milestones);
        Assert.Equal(HeadInit.Normal001, back.HeadInit);
        string path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ \"Top1\": ");
        try
        {
            var e = Assert.Throws<DataFormatException>(() => EvaluationJson.Read<KnnResult>(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
