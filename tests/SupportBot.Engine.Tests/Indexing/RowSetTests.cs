using SupportBot.Engine.Indexing;

namespace SupportBot.Engine.Tests.Indexing;

public sealed class RowSetTests
{
    [Fact]
    public void Add_RowsAcrossWordBoundaries_ContainsExactlyThose()
    {
        int[] added = [0, 1, 62, 63, 64, 65, 127, 128, 199];
        var rows = new RowSet(200);

        foreach (var row in added)
        {
            rows.Add(row);
        }

        Assert.Equal(added.Length, rows.Count);
        for (var row = 0; row < 200; row++)
        {
            Assert.Equal(added.Contains(row), rows.Contains(row));
        }
    }

    [Fact]
    public void Add_SameRowTwice_CountsOnce()
    {
        var rows = new RowSet(70);

        rows.Add(69);
        rows.Add(69);

        Assert.Equal(1, rows.Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(70)]
    [InlineData(127)]
    public void Contains_RowOutsideTheIndex_Throws(int row)
    {
        var rows = new RowSet(70);

        Assert.Throws<ArgumentOutOfRangeException>(() => rows.Contains(row));
        Assert.Throws<ArgumentOutOfRangeException>(() => rows.Add(row));
    }

    [Theory]
    [InlineData(0, 200)]
    [InlineData(0, 64)]
    [InlineData(1, 63)]
    [InlineData(62, 4)]
    [InlineData(63, 66)]
    [InlineData(64, 64)]
    [InlineData(100, 0)]
    [InlineData(199, 1)]
    public void RowsIn_Range_TheRowsInItAscending(int start, int count)
    {
        int[] added = [199, 0, 1, 62, 63, 64, 65, 127, 128, 150];
        var rows = new RowSet(200);
        foreach (var row in added)
        {
            rows.Add(row);
        }

        var found = new int[count];
        var n = rows.RowsIn(start, count, found);

        Assert.Equal(added.Where(r => r >= start && r < start + count).Order(), found[..n]);
    }

    [Fact]
    public void RowsIn_RandomSetsAndRanges_SameAsContains()
    {
        var random = new Random(20241125);
        for (var i = 0; i < 500; i++)
        {
            var size = random.Next(1, 300);
            var rows = new RowSet(size);
            for (var j = random.Next(size); j > 0; j--)
            {
                rows.Add(random.Next(size));
            }

            var start = random.Next(size);
            var count = random.Next(size - start + 1);
            var found = new int[count];
            var n = rows.RowsIn(start, count, found);

            Assert.Equal(Enumerable.Range(start, count).Where(rows.Contains), found[..n]);
        }
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, 71)]
    [InlineData(70, 1)]
    [InlineData(0, -1)]
    public void RowsIn_RangeOutsideTheIndex_Throws(int start, int count)
    {
        var rows = new RowSet(70);

        Assert.Throws<ArgumentOutOfRangeException>(() => rows.RowsIn(start, count, new int[Math.Max(count, 0)]));
    }

    [Fact]
    public void New_NoRows_IsEmpty()
    {
        Assert.Equal(0, new RowSet(0).Count);
    }
}
