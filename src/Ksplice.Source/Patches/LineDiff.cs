namespace Ksplice.Source.Patches;

/// <summary>
/// Myers' O(ND) line diff: the pairs of lines (0-based indexes into old and new) that stay the same, in order.
/// </summary>
public static class LineDiff
{
    public static IReadOnlyList<(int Old, int New)> CommonLines(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        // Trim the common head and tail first: patches change little, so the search space becomes tiny.
        var head = 0;
        while (head < a.Count && head < b.Count && a[head] == b[head]) head++;
        var tail = 0;
        while (tail < a.Count - head && tail < b.Count - head && a[a.Count - 1 - tail] == b[b.Count - 1 - tail]) tail++;

        var pairs = new List<(int, int)>();
        for (var i = 0; i < head; i++) pairs.Add((i, i));
        pairs.AddRange(Middle(a, b, head, a.Count - tail, head, b.Count - tail));
        for (var i = tail; i > 0; i--) pairs.Add((a.Count - i, b.Count - i));
        return pairs;
    }

    private static List<(int, int)> Middle(IReadOnlyList<string> a, IReadOnlyList<string> b, int a0, int a1, int b0, int b1)
    {
        int n = a1 - a0, m = b1 - b0, max = n + m;
        var result = new List<(int, int)>();
        if (n == 0 || m == 0) return result;
        var v = new int[2 * max + 2];
        var trace = new List<int[]>();
        var found = false;
        for (var d = 0; d <= max && !found; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                int x = k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[a0 + x] == b[b0 + y]) { x++; y++; }
                v[max + k] = x;
                if (x >= n && y >= m) { found = true; break; }
            }
        }
        // Walk back through the saved frontiers, collecting the diagonal (equal) steps.
        int cx = n, cy = m;
        for (var d = trace.Count - 1; d >= 0 && (cx > 0 || cy > 0); d--)
        {
            var vd = trace[d];
            var k = cx - cy;
            int prevK = k == -d || (k != d && vd[max + k - 1] < vd[max + k + 1]) ? k + 1 : k - 1;
            var prevX = d == 0 ? 0 : vd[max + prevK];
            var prevY = prevX - prevK;
            while (cx > prevX && cy > prevY) { cx--; cy--; result.Add((a0 + cx, b0 + cy)); }
            if (d > 0) { cx = prevX; cy = prevY; }
        }
        result.Reverse();
        return result;
    }
}
