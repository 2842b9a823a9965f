using System.Numerics;

namespace SupportBot.Engine.Indexing;

/// <summary>A set of index rows (a bit per row): which documents a term matched.</summary>
public sealed class RowSet(int rows)
{
    // Bits in words of our own rather than a BitArray: the rows of a range are then read a word at a time (RowsIn).
    private readonly ulong[] _words = new ulong[(Math.Max(rows, 0) + 63) / 64];

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

    /// <summary>
    /// The rows of the set from <paramref name="start"/> to before <paramref name="start"/> + <paramref name="count"/>,
    /// ascending, written to <paramref name="destination"/> (at least <paramref name="count"/> long); returns how many.
    /// </summary>
    public int RowsIn(int start, int count, Span<int> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, count);
        var found = 0;
        var end = start + count;
        for (var w = start >> 6; w << 6 < end; w++)
        {
            var first = w << 6;
            var bits = _words[w];
            if (first < start)
            {
                bits &= ~0UL << (start - first);
            }

            if (end - first < 64)
            {
                bits &= (1UL << (end - first)) - 1;
            }

            for (; bits != 0; bits &= bits - 1)
            {
                destination[found++] = first + BitOperations.TrailingZeroCount(bits);
            }
        }

        return found;
    }

    private void CheckRow(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, rows);
    }
}
