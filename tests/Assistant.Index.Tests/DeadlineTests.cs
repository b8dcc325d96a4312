using Assistant.Index.Knowledge;

namespace Assistant.Index.Tests;

public sealed class DeadlineTests
{
    [Theory]
    [InlineData("年底前", DeadlineKind.By, null, "2024-12-31")]
    [InlineData("4月底前", DeadlineKind.By, null, "2024-04-30")]
    [InlineData("2月底前", DeadlineKind.By, null, "2024-02-29")]
    [InlineData("3月底", DeadlineKind.By, null, "2024-03-31")]
    [InlineData("6-9月", DeadlineKind.Period, "2024-06-01", "2024-09-30")]
    [InlineData("4月1日起", DeadlineKind.From, "2024-04-01", null)]
    [InlineData("长期实施", DeadlineKind.Ongoing, null, null)]
    [InlineData("持续推进", DeadlineKind.Ongoing, null, null)]
    [InlineData("按时间节点完成", DeadlineKind.Milestones, null, null)]
    public void Parses_deadline_text_into_a_range(string text, DeadlineKind kind, string? from, string? by)
    {
        var d = Deadline.Parse(text);
        Assert.Equal(text, d.Text);
        Assert.Equal(kind, d.Kind);
        Assert.Equal(from is null ? null : DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), d.From);
        Assert.Equal(by is null ? null : DateOnly.Parse(by, System.Globalization.CultureInfo.InvariantCulture), d.By);
    }

    [Fact]
    public void Unknown_deadline_text_throws()
    {
        Assert.Throws<FormatException>(() => Deadline.Parse("尽快"));
    }

    [Fact]
    public void Due_within_uses_the_end_date()
    {
        Assert.True(Deadline.Parse("4月底前").DueWithin(new(2024, 4, 1), new(2024, 4, 30)));
        Assert.False(Deadline.Parse("年底前").DueWithin(new(2024, 4, 1), new(2024, 4, 30)));
        Assert.False(Deadline.Parse("长期实施").DueWithin(new(2024, 1, 1), new(2024, 12, 31)));
    }
}

public sealed class ReferenceTests
{
    [Theory]
    [InlineData("附件1-15", 1, 15, null)]
    [InlineData("附件1-15-2", 1, 15, 2)]
    [InlineData("附件1第15项", 1, 15, null)]
    [InlineData("看看附件4-3的内容", 4, 3, null)]
    public void Parses_references(string text, int annex, int task, int? measure)
    {
        Assert.True(References.TryParse(text, out var a, out var t, out var m));
        Assert.Equal((annex, task, measure), (a, t, m));
    }

    [Fact]
    public void Formats_references()
    {
        Assert.Equal("附件1-15", References.Task(1, 15));
        Assert.Equal("附件1-15-1", References.Measure(1, 15, 1));
    }

    [Fact]
    public void Text_without_a_reference_is_not_one()
    {
        Assert.False(References.TryParse("油烟归谁管", out _, out _, out _));
    }
}
