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

    [Fact]
    public void New_NoRows_IsEmpty()
    {
        Assert.Equal(0, new RowSet(0).Count);
    }
}
