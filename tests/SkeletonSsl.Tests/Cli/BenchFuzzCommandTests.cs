using System.Text.Json.Nodes;

namespace SkeletonSsl.Tests.Cli;

[Collection(RedirectedConsoleCollection.Name)]
public sealed class BenchFuzzCommandTests
{
    [Fact]
    public void Bench_fuzz_prints_one_json_line_of_counts_that_add_up_and_exits_0_when_clean()
    {
        var (code, stdout, stderr) = CliHarness.Run("bench", "fuzz", "--format", "npy", "--mutations", "200", "--seed", "5");
        Assert.True(code == 0, stderr);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var json = JsonNode.Parse(line)!.AsObject();
        Assert.Equal("fuzz", (string?)json["benchmark"]);
        var npy = json["formats"]!["npy"]!;
        Assert.Equal(200, (int)npy["ok"]! + (int)npy["rejected"]! + (int)npy["crash"]! + (int)npy["hang"]!);
        Assert.Equal(0, (int)json["crash"]!);
        Assert.True((int)npy["rejected"]! > 0); // the mutants do break the format
    }

    [Fact]
    public void The_same_seed_gives_the_same_counts()
    {
        (int, int) Counts()
        {
            var f = JsonNode.Parse(CliHarness.Run("bench", "fuzz", "--format", "pku-labels", "--mutations", "300", "--seed", "9").Out)!["formats"]!["pku-labels"]!;
            return ((int)f["ok"]!, (int)f["rejected"]!);
        }
        Assert.Equal(Counts(), Counts());
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error()
    {
        var (code, _, stderr) = CliHarness.Run("bench", "fuzz", "--format", "jpeg", "--mutations", "10");
        Assert.Equal(2, code);
        Assert.Contains("--format 'jpeg'", stderr);
    }
}
