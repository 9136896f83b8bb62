using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>Where one experiment of a table run stands.</summary>
public enum ExperimentState
{
    /// <summary>Not reached yet.</summary>
    Pending,
    /// <summary>Being computed by this process (pre-training or evaluation).</summary>
    Running,
    /// <summary>Another process holds its lock; this one waits to reuse that result.</summary>
    Waiting,
    /// <summary>A stored result was reused; nothing ran.</summary>
    Reused,
    /// <summary>Computed by this run and stored.</summary>
    New,
    /// <summary>Not run: a part is not in the kit yet, or the run only collects.</summary>
    Skipped,
}
