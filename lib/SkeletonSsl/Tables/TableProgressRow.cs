using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>One line of a live table-run display: a short label, a bar (or none) and the text beside it.</summary>
/// <param name="Part">What the line shows: "table", "experiment", "epoch", "step" or "evaluation" (displays colour by it).</param>
/// <param name="Label">The short left column ("aimclr-table4", "2/4", "epoch 3/10").</param>
/// <param name="Fraction">The bar's fraction done, 0..1, or null for a line without a bar.</param>
/// <param name="Text">The rest of the line.</param>
public sealed record TableProgressRow(string Part, string Label, double? Fraction, string Text);
