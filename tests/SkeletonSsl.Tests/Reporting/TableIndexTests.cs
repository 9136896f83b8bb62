using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Reporting;

public sealed class TableIndexTests
{
    [Fact]
    public void The_readme_table_lists_every_table_with_notebook_command_and_status()
    {
        var markdown = TableIndex.ToMarkdown(Catalog.Default);
        var lines = markdown.TrimEnd('\n').Split('\n');
        Assert.Equal("| Paper table | Notebook | CLI | Status |", lines[0]);
        Assert.Equal(2 + Catalog.Default.Tables.Count, lines.Length);
        Assert.Contains("| Guo et al., AimCLR, AAAI 2022: Table 1: Ablation study results on NTU-60 dataset. | " +
                        "[Table1-ablation.ipynb](notebooks/AimCLR/Table1-ablation.ipynb) | `table run aimclr-table1` |", markdown);
        var expected = TableIndex.Describe(Catalog.Default.StatusOf(Catalog.Default.Table("aimclr-table1")));
        Assert.EndsWith($"| {expected} |", lines[2]);
    }

    [Fact]
    public void Tables_are_listed_paper_by_paper_in_the_papers_numbering_before_its_figures()
    {
        var ids = TableIndex.Entries(Catalog.Default).Select(e => e.Table.Id).ToList();
        Assert.True(ids.IndexOf("aimclr-table8") < ids.IndexOf("aimclr-fig2"));
        Assert.True(ids.IndexOf("aimclr-fig3") < ids.IndexOf("pcm3-table1"));
        Assert.Equal(["pcm3-table1", "pcm3-table2", "pcm3-table3", "pcm3-table4", "pcm3-table5", "pcm3-table6", "pcm3-table7", "pcm3-table8", "pcm3-table9", "pcm3-table10"],
                     ids.Where(i => i.StartsWith("pcm3-", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_table_with_unwired_parts_is_not_yet()
    {
        var catalog = Catalog.Default.WithProtocol(Catalog.Default.Protocols["linear"] with { Evaluate = null });
        Assert.Equal(TableStatus.NotYet, catalog.StatusOf(catalog.Table("aimclr-table6")));
        Assert.Equal("not yet", TableIndex.Describe(TableStatus.NotYet));
    }
}
