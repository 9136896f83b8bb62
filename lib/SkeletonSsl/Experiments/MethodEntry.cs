namespace SkeletonSsl.Experiments;

/// <summary>
/// A pre-training method in the catalog: its name, how the papers print it, where it comes from, and its
/// paper configs, one per encoder it runs on (the first is the default). The config builds the method
/// (<see cref="MethodConfig.Create"/>), so this line is all the catalog needs.
/// </summary>
/// <param name="Name">The key ("aimclr"); equals every preset's <see cref="MethodConfig.Name"/>.</param>
/// <param name="Display">The name the papers print ("AimCLR").</param>
/// <param name="Paper">Where the method comes from.</param>
/// <param name="Presets">The paper config on each encoder, the default first.</param>
public sealed record MethodEntry(string Name, string Display, string Paper, IReadOnlyList<MethodConfig> Presets)
{
    /// <summary>The method's default config (its paper's encoder).</summary>
    public MethodConfig Default => Presets[0];

    /// <summary>The encoders it has a preset for ("stgcn", "gru").</summary>
    public IEnumerable<string> Encoders => Presets.Select(p => p.Encoder.Kind);

    /// <summary>The paper config on an encoder (null: the default); the message lists the encoders it has.</summary>
    public MethodConfig On(string? encoder) => encoder is null ? Default
        : Presets.FirstOrDefault(p => p.Encoder.Kind == encoder)
          ?? throw new ArgumentException($"{Name} has no preset for the {encoder} encoder: expected one of {string.Join(", ", Encoders)}");

    /// <summary>Whether a config is this method's (same record type).</summary>
    public bool Owns(MethodConfig config) => config.GetType() == Default.GetType();
}
