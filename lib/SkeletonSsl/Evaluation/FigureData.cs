using System.Text.Json.Serialization;

namespace SkeletonSsl.Evaluation;

/// <summary>Data a protocol hands back for a report figure. Concrete kinds: <see cref="ScatterData"/>
/// (t-SNE), <see cref="CurveData"/> (KNN accuracy, loss), <see cref="HeatmapData"/> (confusion matrix), <see cref="TimelineData"/> (detection segments),
/// <see cref="SkeletonClipsData"/> (animated skeletons: predicted vs true future poses).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ScatterData), "scatter")]
[JsonDerivedType(typeof(CurveData), "curve")]
[JsonDerivedType(typeof(HeatmapData), "heatmap")]
[JsonDerivedType(typeof(TimelineData), "timeline")]
[JsonDerivedType(typeof(SkeletonClipsData), "skeleton")]
public abstract record FigureData(string Title);
