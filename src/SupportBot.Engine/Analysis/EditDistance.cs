namespace SupportBot.Engine.Analysis;

/// <summary>Damerau-Levenshtein distance (optimal string alignment: adjacent swaps count as one edit).</summary>
public static class EditDistance
{
    /// <summary>The distance, or a value above <paramref name="max"/> as soon as it is known to exceed it.</summary>
    public static int OptimalStringAlignment(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        var width = b.Length + 1;
        Span<int> twoBack = stackalloc int[width];
        Span<int> previous = stackalloc int[width];
        Span<int> current = stackalloc int[width];
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, twoBack[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var recycled = twoBack;
            twoBack = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }
}
