using System.Collections;

namespace SupportBot.Engine.Indexing;

/// <summary>A set of index rows (a bit per row): which documents a term matched.</summary>
public sealed class RowSet(int rows)
{
    private readonly BitArray _bits = new(rows);

    public int Count { get; private set; }

    public void Add(int row)
    {
        if (!_bits[row])
        {
            _bits[row] = true;
            Count++;
        }
    }

    public bool Contains(int row) => _bits[row];
}
