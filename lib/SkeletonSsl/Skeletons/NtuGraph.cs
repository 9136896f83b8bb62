namespace SkeletonSsl.Skeletons;

/// <summary>
/// The ST-GCN graph of the NTU-25 skeleton ('ntu-rgb+d' layout, 'spatial' strategy, max_hop = 1),
/// as the CrosSCLR/AimCLR encoder builds it (spec/aimclr.md §3.1). The result A has shape
/// 3 × 25 × 25 with A[k][v, w] = weight of source joint v for output joint w: root, close and
/// further partitions, column-normalised so that Σ_k A[k] has every column summing to 1.
/// </summary>
public static class NtuGraph
{
    /// <summary>Number of partitions of the 'spatial' strategy.</summary>
    public const int Partitions = 3;

    /// <summary>
    /// hop(i, j): 0 on the diagonal, 1 for an edge, +∞ otherwise (only max_hop = 1 is computed,
    /// §3.1; the distance to the centre is therefore ∞ for joints two or more hops away).
    /// </summary>
    public static double[,] HopDistance()
    {
        int v = NtuLayout.Joints;
        var hop = new double[v, v];
        for (int i = 0; i < v; i++)
            for (int j = 0; j < v; j++)
                hop[i, j] = i == j ? 0 : double.PositiveInfinity;
        foreach (var (a, b) in NtuLayout.Edges)
        {
            hop[a, b] = 1;
            hop[b, a] = 1;
        }
        return hop;
    }

    /// <summary>deg(j) = number of joints within one hop of j, self-loop included (§3.1).</summary>
    public static int[] Degrees()
    {
        var hop = HopDistance();
        int v = NtuLayout.Joints;
        var deg = new int[v];
        for (int j = 0; j < v; j++)
            for (int i = 0; i < v; i++)
                if (hop[i, j] <= 1) deg[j]++;
        return deg;
    }

    /// <summary>
    /// The 'spatial' partition A (3, 25, 25), row-major as A[k, v, w], float32 values.
    /// A[0] = self links, A[1] = root and close links, A[2] = further links, each weighted 1/deg(w).
    /// </summary>
    public static float[,,] SpatialPartition()
    {
        int v = NtuLayout.Joints;
        int center = NtuLayout.CenterJoint;
        var hop = HopDistance();
        var deg = Degrees();
        var a = new float[Partitions, v, v];
        for (int h = 0; h <= 1; h++)
        {
            for (int j = 0; j < v; j++) // j = row = source joint
            {
                for (int i = 0; i < v; i++) // i = column = target joint
                {
                    if (hop[j, i] != h) continue;
                    // Â_n[j, i] = Â[j, i] / deg(i): column normalisation (§3.1).
                    float value = 1f / deg[i];
                    double rj = hop[j, center], ri = hop[i, center];
                    // ∞ == ∞ counts as "root", as in the reference (§3.1).
                    int k = rj == ri ? (h == 0 ? 0 : 1) : rj > ri ? 1 : 2;
                    if (h == 0 && k != 0) throw new InvalidOperationException("a self link must be a root link");
                    a[k, j, i] += value;
                }
            }
        }
        return a;
    }
}
