using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Tests.Data.Formats;
using SkeletonSsl.Training;
using static TorchSharp.torch;

namespace SkeletonSsl.Tests.Data;

public sealed class AuthorsFilesTests
{
    [Fact]
    public void An_aimclr_frame50_folder_is_detected_and_read_in_place()
    {
        NativeRuntime.EnsureInitialised();
        using var dir = new TempDir();
        string xsub = Path.Combine(dir.Path, "xsub");
        Directory.CreateDirectory(xsub);
        using var train = randn([4, 3, 50, 25, 2], generator: new Generator(1));
        using var val = randn([2, 3, 50, 25, 2], generator: new Generator(2));
        Npy.Write(Path.Combine(xsub, "train_position.npy"), train);
        Npy.Write(Path.Combine(xsub, "val_position.npy"), val);
        LabelPickle.Write(Path.Combine(xsub, "train_label.pkl"), ["S001C001P001R001A001.skeleton", "b", "c", "d"], [0, 59, 3, 3]);
        LabelPickle.Write(Path.Combine(xsub, "val_label.pkl"), ["e", "f"], [1, 2]);

        var store = PreparedStore.Open(dir.Path);
        Assert.True(store.IsAuthorsFiles);
        Assert.Equal(["xsub"], store.Splits);
        Assert.Equal(60, store.Manifest.NumClasses);
        Assert.Equal(50, store.Manifest.Frames);
        using var loaded = store.Load("xsub", "train");
        Assert.True(loaded.Data.eq(train).all().item<bool>());
        Assert.Equal([0L, 59, 3, 3], loaded.Labels);
        Assert.Equal("S001C001P001R001A001.skeleton", loaded.Names[0]);
        Assert.Equal(2, store.Load("xsub", "val").Count);
    }

    [Fact]
    public void An_npz_archive_with_flattened_rows_is_reshaped_to_n_c_t_v_m()
    {
        NativeRuntime.EnsureInitialised();
        using var dir = new TempDir();
        using var x = randn([3, 3, 300, 25, 2], generator: new Generator(3));
        // (N, C, T, V, M) → (N, T, M, V, C) → (N, T, 150): actor-1 joints as xyz, then actor-2.
        using var rows = x.permute(0, 2, 4, 3, 1).reshape(3, 300, 150).contiguous();
        using var yTrain = nn.functional.one_hot(tensor(new long[] { 2, 0, 1 }), 5).to(ScalarType.Float64);
        using var yTest = nn.functional.one_hot(tensor(new long[] { 4 }), 5).to(ScalarType.Float64);
        string path = dir.File("NTU60_CV.npz");
        Npz.Write(path, new Dictionary<string, Tensor>
        {
            ["x_train"] = rows, ["y_train"] = yTrain, ["x_test"] = rows.narrow(0, 0, 1), ["y_test"] = yTest,
        });
        var store = PreparedStore.Open(path);
        Assert.Equal(["xview"], store.Splits);
        Assert.Equal(5, store.Manifest.NumClasses);
        using var train = store.Load("xview", "train");
        Assert.True(train.Data.eq(x).all().item<bool>());
        Assert.Equal([2L, 0, 1], train.Labels);
        Assert.Equal([4L], store.Load("xview", "test").Labels);
    }

    [Fact]
    public void A_position_file_without_its_label_pickle_is_named()
    {
        NativeRuntime.EnsureInitialised();
        using var dir = new TempDir();
        using var data = zeros([1, 3, 50, 25, 2]);
        Npy.Write(dir.File("train_position.npy"), data);
        var e = Assert.Throws<FileNotFoundException>(() => PreparedStore.OpenAuthorsFiles(dir.Path));
        Assert.Contains("train_label.pkl", e.Message);
    }
}
