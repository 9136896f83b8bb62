using Microsoft.DotNet.Interactive.Formatting;
using SkeletonSsl.Experiments;
using SkeletonSsl.Notebooks;
using SkeletonSsl.Notebooks.Display;
using SkeletonSsl.Skeletons;
using SkeletonSsl.Tests.Cli;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Notebooks;

[Collection(RedirectedConsoleCollection.Name)]
public sealed class InlineTableProgressTests
{
    private static readonly SkeletonSsl.Tables.TableDefinition Table = Catalog.Default.Table("aimclr-table6");

    private static TableProgress Snapshot(TableProgressKind kind, PretrainRunStatus? run = null)
    {
        var experiments = Table.Experiments.Select((s, i) => new ExperimentProgress(i + 1, RunLabel.Of(s, Catalog.Default), s,
                                                                                   i == 0 ? ExperimentState.Reused : ExperimentState.Running)).ToList();
        return new TableProgress(kind, Table.Id, Table.Title, experiments, 1, run, null, TimeSpan.FromSeconds(75), TimeSpan.FromMinutes(3), false);
    }

    private static readonly PretrainRunStatus Run = new(
        "AimCLR, joint, NTU-120 xset", Table.Experiments.Last().Pretrains.First(), 1, 3, Epoch: 2, Epochs: 4, Step: 3, StepsPerEpoch: 4,
        Loss: 4.5, Terms: [new("contrastive", 3.5), new("d3m", 1)], EpochLoss: 4.25, EpochTerms: [new("contrastive", 3.25), new("d3m", 1)],
        SamplesPerSecond: 120, Remaining: TimeSpan.FromSeconds(20));

    [Fact]
    public void The_view_draws_a_bar_per_row_and_folds_the_milestones_below()
    {
        KitFormatters.Register();
        var view = new TableProgressView(TableProgressText.Rows(Snapshot(TableProgressKind.PretrainStep, Run)), ["[1/2] reused: x", "[2/2] running: y"]);
        var html = view.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(html, "<progress ").Count);     // table, epoch, step
        Assert.Contains("<progress value=\"0.5\" max=\"1\"", html);                                  // 1 of 2 experiments done; step 3/4 is 0.75
        Assert.Contains("<progress value=\"0.438\" max=\"1\"", html);                                // (1 + 3/4) / 4 of the run
        Assert.Contains("about 3 min 00 s left (estimate)", html);
        Assert.Contains("loss 4.5000 (contrastive 3.5, d3m 1) &#183; 120.0 samples/s", html);
        Assert.Contains("<summary>2 milestones: [2/2] running: y</summary>", html);
        var text = view.ToDisplayString(PlainTextFormatter.MimeType);
        Assert.StartsWith("aimclr-table6 [ 50%] 1/2 experiments · 1 reused · 0 new · 1 min 15 s · about 3 min 00 s left (estimate)\n", text);
        Assert.Contains("epoch 2/4 [ 44%] pre-training 1/3: AimCLR, joint, NTU-120 xset · about 20 s left (estimate)", text);
        Assert.Contains("step 3/4 [ 75%] loss 4.5000 (contrastive 3.5, d3m 1) · 120.0 samples/s", text);
        Assert.EndsWith("[1/2] reused: x\n[2/2] running: y", text);
    }

    [Fact]
    public void Outside_a_kernel_it_prints_one_line_per_milestone_and_nothing_per_step()
    {
        var (old, output) = (Console.Out, new StringWriter());
        Console.SetOut(output);
        try
        {
            var progress = new InlineTableProgress(TimeSpan.Zero);
            progress.Report(Snapshot(TableProgressKind.ExperimentStarted));
            progress.Report(Snapshot(TableProgressKind.PretrainStep, Run));
            progress.Report(Snapshot(TableProgressKind.PretrainEpoch, Run with { Step = 4 }));
        }
        finally
        {
            Console.SetOut(old);
        }
        Assert.Equal([
            "[2/2] running: AimCLR, joint+motion+bone, NTU-120 xset, linear evaluation",
            "    epoch 2/4: mean loss 4.2500 (contrastive 3.25, d3m 1), 120.0 samples/s, run: about 20 s left (estimate)",
        ], output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
