using Assistant.Index.Hotline;

namespace Assistant.Index.Tests.Hotline;

/// <summary>
/// tests/eval/complaints.jsonl: complaints written for the evaluation. The floors are what the triage reaches today,
/// so a change that loses accuracy fails here.
/// </summary>
[Collection(HotlineCollection.Name)]
public sealed class ComplaintEvaluationTests(HotlineFixture hotline)
{
    private HotlineEvalReport Run() => HotlineEvaluator.Run(
        hotline.Triage, HotlineEvaluator.Read(Path.Combine(hotline.Plan.RepositoryRoot, "tests", "eval", "complaints.jsonl")));

    [Fact]
    public void Set_is_large_and_covers_every_category()
    {
        var items = HotlineEvaluator.Read(Path.Combine(hotline.Plan.RepositoryRoot, "tests", "eval", "complaints.jsonl"));

        Assert.True(items.Count >= 60, $"{items.Count} complaints");
        Assert.Equal(ComplaintCategories.All.Order(StringComparer.Ordinal), items.Select(i => i.Category).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(items, i => i.Street is null);
    }

    [Fact]
    public void Accuracy_stays_at_its_floors()
    {
        var report = Run();
        var failures = string.Join("\n", report.Results.Where(r => !r.Passed).Select(r => $"{r.Item.Complaint}: {string.Join("; ", r.Failures())}"));

        Assert.True(report.CategoryAccuracy >= CategoryFloor, $"category {report.CategoryAccuracy:0.000}\n{failures}");
        Assert.True(report.StreetAccuracy >= StreetFloor, $"street {report.StreetAccuracy:0.000}\n{failures}");
        Assert.True(report.RefsAccuracy >= RefsFloor, $"refs {report.RefsAccuracy:0.000}\n{failures}");
        Assert.True(report.TimeAccuracy >= TimeFloor, $"time {report.TimeAccuracy:0.000}\n{failures}");
    }

    // 267 complaints: category, refs and time all right; street 261/267 — the misses name places streets.json does
    // not list yet (西单, 西单北大街, 西直门外大街, 展览馆后湖).
    private const double CategoryFloor = 0.99;
    private const double StreetFloor = 0.97;
    private const double RefsFloor = 0.99;
    private const double TimeFloor = 0.99;
}
