using System.Text.Json.Nodes;

namespace SkeletonSsl.Tests.Cli;

[Collection(RedirectedConsoleCollection.Name)]
public sealed class BenchParseCommandTests
{
    [Fact]
    public void BenchParse_PrintsOneJsonLineWithThroughput()
    {
        var (code, stdout, _) = CliHarness.Run("bench", "parse", "--files", "2", "--frames", "3", "--bodies", "2");
        Assert.Equal(0, code);
        var json = JsonNode.Parse(Assert.Single(stdout.Trim().Split('\n')))!;
        Assert.Equal("parse", (string?)json["benchmark"]);
        Assert.Equal(2, (int?)json["files"]);
        Assert.True((double?)json["mb_per_s"] > 0);
        Assert.True((long?)json["bytes"] > 2 * 3 * 2 * 25 * 12 * 2);
    }
}
