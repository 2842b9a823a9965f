namespace SupportBot.Engine.Indexing;

/// <summary>A set of index rows (a bit per row): which documents a term matched.</summary>
/// <remarks>
/// Its own bit words rather than a <see cref="System.Collections.BitArray"/>: the re-ranking asks
/// <see cref="Contains"/> for every phrasing of every candidate and every word of the question, thousands of
/// times a question, and one array read with a shift is all that needs.
/// </remarks>
public sealed class RowSet(int rows)
{
    private readonly ulong[] _words = new ulong[(Math.Max(0, rows) + 63) >> 6];

    public int Count { get; private set; }

    public void Add(int row)
    {
        CheckRow(row);
        ref var word = ref _words[row >> 6];
        var bit = 1UL << row;
        if ((word & bit) == 0)
        {
            word |= bit;
            Count++;
        }
    }

    public bool Contains(int row)
    {
        CheckRow(row);
        return (_words[row >> 6] & (1UL << row)) != 0;
    }

    private void CheckRow(int row)
    {
        if ((uint)row >= (uint)rows)
        {
            Throw(row);
        }
    }

    private static void Throw(int row) => throw new ArgumentOutOfRangeException(nameof(row), row, "No such row in the index.");
}
