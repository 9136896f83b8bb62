namespace SkeletonSsl.Evaluation;

/// <summary>
/// One test clip's window for a figure: <see cref="Truth"/> and <see cref="Predicted"/> are (C, Frames, V, M) float
/// arrays in C order, metres, the last <see cref="SeedShown"/> seed frames followed by the future (true, resp. the
/// model's prediction); <see cref="ZeroVelocity"/> holds the last seed frame over the future.
/// </summary>
public sealed record MotionPredictionExample(string Name, int Channels, int Frames, int Joints, int Bodies, int SeedShown,
                                             float[] Truth, float[] Predicted, float[] ZeroVelocity);
