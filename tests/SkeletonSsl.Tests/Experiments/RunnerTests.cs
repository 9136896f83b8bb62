using SkeletonSsl.Experiments;
using SkeletonSsl.Reporting;
using SkeletonSsl.Tables;

namespace SkeletonSsl.Tests.Experiments;

public sealed class RunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skeletonssl-runner-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RunnerOptions Options(int seed = 0) => new(Profile.Smoke, seed, "cpu", null, Path.Combine(_dir, "runs"));

    private ResultStore Store => new(Path.Combine(_dir, "results"));

    [Fact]
    public void A_table_runs_every_experiment_once_and_each_pretraining_once()
    {
        var fake = new FakeParts();
        var table = Catalog.Default.Table("aimclr-table2");
        var run = fake.Runner(fake.Catalog(), Store, Options()).Run(table);
        // 8 rows × 5 columns, all distinct experiments; 3s rows reuse the single-stream pre-trainings.
        Assert.Equal(40, run.Computed.Count);
        Assert.Equal(40, fake.Evaluated.Count);
        Assert.Equal(2 * 3 * 5, fake.Pretrained.Count);
        Assert.Equal(fake.Pretrained.Count, fake.Pretrained.Distinct().Count());
        Assert.Equal(40, run.Rows.Count);
        Assert.Empty(run.Skipped);
    }

    [Fact]
    public void A_result_already_stored_is_reused_not_recomputed()
    {
        var table = Catalog.Default.Table("aimclr-table1");
        var first = new FakeParts();
        var run1 = first.Runner(first.Catalog(), Store, Options()).Run(table);
        Assert.Equal(10, first.Evaluated.Count);

        var second = new FakeParts();
        var run2 = second.Runner(second.Catalog(), Store, Options()).Run(table);
        Assert.Empty(second.Evaluated);
        Assert.Empty(second.Pretrained);
        Assert.Equal(10, run2.Reused.Count);
        Assert.Equal(run1.Rows.Select(r => (r.RowId, r.Column, r.Value)), run2.Rows.Select(r => (r.RowId, r.Column, r.Value)));

        // Table 2's 3s-SkeletonCLR on NTU-60 is Table 1's "w/ NA": reused across tables too.
        var third = new FakeParts();
        third.Runner(third.Catalog(), Store, Options()).Run(Catalog.Default.Table("aimclr-table2"));
        Assert.DoesNotContain(Catalog.Default.Table("aimclr-table1").Row("na").Cells[0].Spec, third.Evaluated);
        Assert.Equal(40 - 4, third.Evaluated.Count); // 3s-SkeletonCLR and 3s-AimCLR on NTU-60 xsub/xview were stored

        // Another seed is another result.
        var fourth = new FakeParts();
        fourth.Runner(fourth.Catalog(), Store, Options(seed: 1)).Run(table);
        Assert.Equal(10, fourth.Evaluated.Count);
    }

    [Fact]
    public void Result_rows_carry_full_provenance()
    {
        var fake = new FakeParts();
        var table = Catalog.Default.Table("aimclr-table4");
        var run = fake.Runner(fake.Catalog(), Store, Options(seed: 3)).Run(table);
        var row = run.Rows.Single(r => r.RowId == "3s-aimclr" && r.Column == "ntu60-xsub");
        var spec = table.Row("3s-aimclr").Cell("ntu60-xsub")!.Spec!;
        Assert.Equal("aimclr-table4", row.TableId);
        Assert.Equal(spec.Hash, row.ConfigHash);
        Assert.Equal(FakeParts.ValueOf(spec), row.Value);
        Assert.Equal(3, row.Seed);
        Assert.Equal(Profile.Smoke, row.Profile);
        Assert.Equal(DataKind.Synthetic, row.Data);
        Assert.Equal("cpu", row.Device);
        Assert.Matches("^[0-9a-f]{40}$|^unknown$", row.Commit);
        Assert.Matches(@"^\d+\.\d+\.\d+$", row.TorchSharpVersion);
        Assert.True(DateTimeOffset.UtcNow - row.Timestamp < TimeSpan.FromMinutes(5));
        var record = Store.TryLoad(new ExperimentKey(spec, Profile.Smoke, 3, DataKind.Synthetic))!;
        Assert.Equal(3, record.LossCurves.Count);
        Assert.Equal([3.0, 2.0, 1.5], record.LossCurves[0].Y);
    }

    [Fact]
    public void Experiments_whose_protocol_is_not_in_the_kit_are_skipped_with_a_reason()
    {
        var fake = new FakeParts();
        var run = fake.Runner(fake.Catalog("finetune"), Store, Options()).Run(Catalog.Default.Table("aimclr-table5"));
        Assert.Equal(2, run.Computed.Count);  // 3s-AimCLR, linear, on both columns
        Assert.Equal(2, run.Skipped.Count);   // the supervised ST-GCN row, fine-tuned
        Assert.All(run.Skipped, s => Assert.Contains("protocol finetune is not in the kit yet", s.Reason));
        Assert.All(fake.Pretrained, p => Assert.IsType<AimClrConfig>(p.Method));
    }

    [Fact]
    public void Collect_runs_nothing_and_returns_what_is_stored()
    {
        var table = Catalog.Default.Table("aimclr-table6");
        var fake = new FakeParts();
        Assert.Empty(fake.Runner(fake.Catalog(), Store, Options()).Collect(table).Rows);
        Assert.Empty(fake.Evaluated);
        fake.Runner(fake.Catalog(), Store, Options()).Run(table);
        var collected = new Runner(Catalog.Default, Store, Options()).Collect(table);
        Assert.Equal(2, collected.Rows.Count);
    }

    [Fact]
    public void Status_follows_the_wired_parts_and_the_stored_synthetic_results()
    {
        var table = Catalog.Default.Table("aimclr-table6");
        var fake = new FakeParts();
        Assert.Equal(TableStatus.NotYet, fake.Catalog("linear").StatusOf(table, Store, Profile.Smoke));
        var catalog = fake.Catalog();
        Assert.Equal(TableStatus.ReadyForRealData, catalog.StatusOf(table, Store, Profile.Smoke));
        fake.Runner(catalog, Store, Options()).Run(table);
        Assert.Equal(TableStatus.ReproducedOnSynthetic, catalog.StatusOf(table, Store, Profile.Smoke));
        Assert.Equal(TableStatus.ReadyForRealData, catalog.StatusOf(table, Store, Profile.Quick));
    }

    [Fact]
    public void Bad_options_are_rejected()
    {
        var runner = new Runner(Catalog.Default, Store, Options() with { Device = "tpu" });
        Assert.Contains("unknown device", Assert.Throws<ArgumentException>(() => runner.Run(Catalog.Default.Table("aimclr-table1"))).Message);
        Assert.Throws<ArgumentException>(() => Catalog.Default.Table("aimclr-table9"));
    }
}
