namespace SkeletonSsl.Cli.Fuzz;

/// <summary>Counts of outcomes for one format after a fuzzing run, and how long it took.</summary>
public sealed record FuzzReport(string Format, int Cases, int Ok, int Rejected, int Crash, int Hang, double Seconds)
{
    /// <summary>True when every case was read or refused cleanly.</summary>
    public bool Clean => Crash == 0 && Hang == 0;
}

