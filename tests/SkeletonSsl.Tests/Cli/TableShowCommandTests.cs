using SkeletonSsl.Reporting;
using SkeletonSsl.Tests.Data.Formats;

namespace SkeletonSsl.Tests.Cli;

/// <summary><c>table show</c> prints the comparison, the "(ours)" rows under the paper's method and the paper's claims.</summary>
[Collection(RedirectedConsoleCollection.Name)]
public sealed class TableShowCommandTests
{
    [Fact]
    public void Table_show_prints_the_claims_with_the_note_and_labels_ours_by_the_papers_method()
    {
        using var dir = new TempDir();
        var (code, output, _) = CliHarness.Run("table", "show", "aimclr-table1", "--results", dir.File("results"));
        Assert.Equal(0, code);
        Assert.Contains("| w/ NA, w/ EA, w/ EADM, w/ NNM |", output);
        Assert.Contains("## The paper's claims", output);
        Assert.Contains(ClaimReport.SyntheticNote, output);
        Assert.Contains("| Each part adds accuracy on both splits", output);
        Assert.Contains("| §4.3 | holds (6/6) | not measured yet |", output);

        (code, output, _) = CliHarness.Run("table", "show", "aimclr-table4", "--results", dir.File("results"));
        Assert.Equal(0, code);
        Assert.Contains("| 3s-AimCLR (AimCLR paper) |", output);
        Assert.DoesNotContain("(ours)", output);
    }

    [Fact]
    public void A_comparison_csv_of_an_earlier_kit_version_is_still_the_kits_to_replace()
    {
        using var dir = new TempDir();
        var csv = dir.File("old.csv");
        File.WriteAllText(csv, ComparisonTable.EarlierCsvHeaders[0] + "\n");
        Assert.Equal(0, CliHarness.Run("table", "show", "aimclr-table6", "--results", dir.File("results"), "--csv", csv).Code);
        Assert.StartsWith(ComparisonTable.CsvHeader + "\n", File.ReadAllText(csv));
    }
}
