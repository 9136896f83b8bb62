using System.CommandLine;
using System.Globalization;
using SkeletonSsl.Encoders;
using SkeletonSsl.Encoders.Gru;
using SkeletonSsl.Encoders.StGcn;
using static TorchSharp.torch;

namespace SkeletonSsl.Cli.Commands;

/// <summary>The options that choose an encoder (shared by <c>model summary</c>, <c>model embed</c> and <c>bench encoder</c>).</summary>
internal sealed class EncoderOptions
{
    public Option<string> Encoder { get; } = new("--encoder")
    {
        Description = "stgcn (AimCLR's ST-GCN, features 256) or gru (the CMD GRU of PCM3/A2MC, features 2048).",
        Required = true,
    };

    public Option<string?> Widths { get; } = new("--widths")
    {
        Description = "ST-GCN block widths, comma-separated (default 16,16,16,16,32,32,32,64,64,256; the standard ST-GCN is 64,64,64,64,128,128,128,256,256,256).",
    };

    public Option<string?> Strides { get; } = new("--strides")
    {
        Description = "ST-GCN temporal strides, comma-separated, one per block (default 1,1,1,1,2,1,1,2,1,1).",
    };

    public Option<int?> Hidden { get; } = new("--hidden")
    {
        Description = "GRU hidden size per chain (default 1024; Quick runs use 256).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Encoder);
        command.Options.Add(Widths);
        command.Options.Add(Strides);
        command.Options.Add(Hidden);
    }

    /// <summary>A catalog encoder's key ("stgcn", "gru"; "st-gcn" is accepted), validated.</summary>
    public static string Kind(string value)
    {
        var key = value.Trim().ToLowerInvariant().Replace("-", "");
        return Tables.Catalog.Default.Encoders.ContainsKey(key) ? key
            : throw new UsageException($"--encoder '{value}': expected {string.Join(" or ", Tables.Catalog.Default.Encoders.Keys.Order())}");
    }

    public StGcnConfig StGcn(ParseResult r)
    {
        if (r.GetValue(Hidden) is not null) throw new UsageException("--hidden applies to --encoder gru; ST-GCN widths are set with --widths");
        var config = (StGcnConfig)Tables.Catalog.Default.Encoder("stgcn").Default;
        if (r.GetValue(Widths) is { } w) config = config with { Widths = ParseInts(w, "--widths") };
        if (r.GetValue(Strides) is { } s) config = config with { Strides = ParseInts(s, "--strides") };
        else if (config.Widths.Count != config.Strides.Count)
            throw new UsageException($"--widths gives {config.Widths.Count} blocks: give --strides with as many entries");
        config.Validate();
        return config;
    }

    public GruEncoderConfig Gru(ParseResult r)
    {
        if (r.GetValue(Widths) is not null || r.GetValue(Strides) is not null)
            throw new UsageException("--widths and --strides apply to --encoder stgcn; the GRU size is set with --hidden");
        var config = (GruEncoderConfig)Tables.Catalog.Default.Encoder("gru").Default;
        if (r.GetValue(Hidden) is { } h) config = config with { Hidden = h };
        config.Validate();
        return config;
    }

    /// <summary>The encoder the options describe, with the paper's defaults for what they leave out.</summary>
    public SkeletonEncoder Create(ParseResult r, Generator? generator = null) => Config(r).Build(generator);

    /// <summary>The encoder config the options describe: the catalog's paper config with the size options applied.</summary>
    public EncoderConfig Config(ParseResult r) => Kind(r.GetValue(Encoder)!) switch
    {
        "stgcn" => StGcn(r),
        "gru" => Gru(r),
        var other => throw new UsageException($"--encoder {other}: no size options are defined for it yet"),
    };

    internal static int[] ParseInts(string text, string option)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var result = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out result[i]) || result[i] <= 0)
                throw new UsageException($"{option} '{text}': expected positive integers separated by commas");
        if (result.Length == 0) throw new UsageException($"{option} is empty");
        return result;
    }
}
