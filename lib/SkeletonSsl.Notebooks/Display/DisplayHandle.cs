namespace SkeletonSsl.Notebooks.Display;

/// <summary>One displayed output; <see cref="Update"/> replaces what it shows (in place where the host can).</summary>
public abstract class DisplayHandle
{
    public abstract void Update(object? value);
}
