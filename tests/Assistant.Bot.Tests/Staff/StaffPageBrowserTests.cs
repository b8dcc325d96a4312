using System.Net.Http.Json;
using Assistant.Bot.Progress;
using Assistant.Bot.Tests.DirectLine;
using Assistant.Bot.Tests.Storage;
using Assistant.Index;
using Assistant.Index.Knowledge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Assistant.Bot.Tests.Staff;

/// <summary>
/// The staff page in headless Debian Chromium: a street office logs in with its key, sees what falls due and what is
/// overdue, saves a draft and submits; the coordinating unit sees who has reported and exports the workbook.
/// Screenshots go to $ASSISTANT_SCREENSHOTS (staff-report.png, staff-coordinator.png).
/// </summary>
public sealed class StaffPageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>Mid-September in Beijing: this month is 2024-09, when 附件2-6-2 (9月底前) falls due and April's are overdue.</summary>
    private static readonly DateTimeOffset September = new(2026, 9, 15, 10, 0, 0, TimeSpan.FromHours(8));

    private async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> OpenAsync(Uri server)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        await page.GotoAsync(new Uri(server, "/staff").ToString());
        return (context, page, errors);
    }

    private static async Task LogInAsync(IPage page, string key)
    {
        await page.FillAsync("#key", key);
        await page.ClickAsync("#login");
        await Assertions.Expect(page.Locator("#work-view")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_street_office_sees_its_duties_and_reports_the_month_as_draft_then_submitted()
    {
        await using var office = await ProgressApiTests.Office.OpenAsync(Backend.Sqlite, onLoopback: true, now: September);
        var (context, page, errors) = await OpenAsync(office.Address!);
        await using var _ = context;

        // A wrong key is refused on the page.
        await page.FillAsync("#key", "not-a-staff-key-0000000000");
        await page.ClickAsync("#login");
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("密钥无效");
        await LogInAsync(page, office.Keys["什刹海街道"]);
        await Assertions.Expect(page.Locator("#header-unit")).ToContainTextAsync("什刹海街道");
        await Assertions.Expect(page.Locator("#month")).ToHaveValueAsync("2024-09");

        // Due this month: 附件2-6-2 (9月底前), given to every street office. Overdue: 附件1-22-1 (4月底前), never reported.
        await Assertions.Expect(page.Locator("#due-list")).ToContainTextAsync("附件2-6-2");
        await Assertions.Expect(page.Locator("#due-list")).ToContainTextAsync("各街道办事处");
        await Assertions.Expect(page.Locator("#overdue-list")).ToContainTextAsync("附件1-22-1");

        // The timeline has a bar per dated duty; open-ended ones are listed apart.
        var runtime = office.App.Services.GetRequiredService<LivePlan>().Current;
        var duties = DutyRoster.DutiesOf(runtime.Knowledge, DutyRoster.Find(runtime, "什刹海街道")!);
        await Assertions.Expect(page.Locator("#timeline-grid .bar")).ToHaveCountAsync(duties.Count(d => !d.Measure.Deadline.OpenEnded));
        await Assertions.Expect(page.Locator("#open-ended li")).ToHaveCountAsync(duties.Count(d => d.Measure.Deadline.OpenEnded));
        await Assertions.Expect(page.Locator("#report-rows tr")).ToHaveCountAsync(duties.Count(d => d.Role == DutyRole.Lead));

        // The form, filled in place: a draft first (with markup that must stay text), then the submission.
        await page.Locator("#report-rows tr[data-ref='附件2-6-2']").ClickAsync();
        await Assertions.Expect(page.Locator("#form-ref")).ToHaveTextAsync("附件2-6-2");
        await page.FillAsync("#progress", "已完成汛前雨水管涵清掏<b>40</b>处");
        await page.ClickAsync("#save-draft");
        await Assertions.Expect(page.Locator("#form-message")).ToHaveTextAsync("草稿已保存（第 1 版）。");
        await Assertions.Expect(page.Locator("#report-rows tr[data-ref='附件2-6-2']")).ToContainTextAsync("草稿（推进中）");
        await page.FillAsync("#next-steps", "9月底前完成剩余点位");
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#form-message")).ToHaveTextAsync("已提交报送（第 2 版）。");
        await Assertions.Expect(page.Locator("#report-rows tr[data-ref='附件2-6-2']")).ToContainTextAsync("已报送 · 推进中");

        // Reporting the April measure done clears it from the overdue list.
        await page.Locator("#report-rows tr[data-ref='附件1-22-1']").ClickAsync();
        await page.SelectOptionAsync("#status", "已完成");
        await page.FillAsync("#progress", "街道落实方案已于4月印发");
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#form-message")).ToHaveTextAsync("已提交报送（第 1 版）。");
        await Assertions.Expect(page.Locator("#overdue-list")).Not.ToContainTextAsync("附件1-22-1");
        await page.Locator("#report-rows tr[data-ref='附件2-6-2']").ClickAsync();
        await Assertions.Expect(page.Locator("#progress")).ToHaveValueAsync("已完成汛前雨水管涵清掏<b>40</b>处");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "staff-report.png"), FullPage = true });

        // What the page saved is what the API holds, every revision kept.
        using var client = office.As("什刹海街道");
        var revisions = await client.GetFromJsonAsync<List<ProgressReport>>("/api/progress/2024-09/附件2-6-2/revisions");
        Assert.Equal([false, true], revisions!.Select(r => r.Submitted));
        Assert.Equal("9月底前完成剩余点位", revisions![1].NextSteps);
        // The one failed request is the wrong key's 401.
        Assert.Equal(["Failed to load resource: the server responded with a status of 401 (Unauthorized)"], errors);
    }

    [Fact]
    public async Task The_coordinator_sees_who_has_reported_overdue_across_the_district_and_exports_the_workbook()
    {
        await using var office = await ProgressApiTests.Office.OpenAsync(Backend.Sqlite, onLoopback: true, now: September);
        using (var street = office.As("什刹海街道"))
        {
            (await street.PutAsJsonAsync("/api/progress/2024-09/附件2-6-2", new { status = "推进中", progress = "清掏40处" })).EnsureSuccessStatusCode();
        }

        var (context, page, errors) = await OpenAsync(office.Address!);
        await using var _ = context;
        await LogInAsync(page, office.Keys["区生态环境局"]);

        var board = office.App.Services.GetRequiredService<ProgressBoard>();
        var units = board.Units.Count;
        var owing = board.Units.Count(u => board.Leads.Any(l => l.Unit == u.Name));
        await Assertions.Expect(page.Locator("#coordination")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#unit-rows tr")).ToHaveCountAsync(units);
        await Assertions.Expect(page.Locator("#reported-count")).ToHaveTextAsync($"已报送 1 个单位，未报送 {owing - 1} 个单位");
        await Assertions.Expect(page.Locator("#unit-rows tr", new PageLocatorOptions { HasText = "什刹海街道" })).ToContainTextAsync("已报送");
        await Assertions.Expect(page.Locator("#unit-rows tr", new PageLocatorOptions { HasText = "德胜街道" })).ToContainTextAsync("未报送");
        await Assertions.Expect(page.Locator("#district-overdue-rows")).ToContainTextAsync("附件1-22-1");
        await Assertions.Expect(page.Locator("#district-overdue-rows")).ToContainTextAsync("德胜街道");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-xlsx"));
        var path = Path.Combine(office.Db.DataDirectory, "export.xlsx");
        await download.SaveAsAsync(path);
        Assert.Equal(["附件1", "附件2", "附件3", "附件4", "附件5", "汇总"], MiniExcel.GetSheetNames(path));
        var annex2 = MiniExcel.Query(path, useHeaderRow: true, sheetName: "附件2").Cast<IDictionary<string, object?>>();
        Assert.Contains(annex2, r => (string?)r["序号"] == "附件2-6-2" && (string?)r["报送单位"] == "什刹海街道" && (string?)r["进展情况"] == "清掏40处");

        // The coordinator's own duties follow below; the picture is of the district's month.
        await page.Locator("#coordination").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "staff-coordinator.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_street_office_corrects_an_inferred_split_the_coordinator_approves_and_the_caveat_is_gone()
    {
        const string citation = "西城区居住区充电设施建设工作方案（西新能源办〔2024〕3号）第2页";
        await using var office = await ProgressApiTests.Office.OpenAsync(Backend.Sqlite, onLoopback: true, now: September);
        var (streetContext, street, streetErrors) = await OpenAsync(office.Address!);
        await using var _ = streetContext;
        await LogInAsync(street, office.Keys["什刹海街道"]);

        // 附件1-3-3 reads 各街道办事处 as lead, "but it may be co": the street office sees it with the reason, and corrects it.
        var row = street.Locator("#split-rows tr[data-ref='附件1-3-3']");
        await Assertions.Expect(row).ToContainTextAsync("各街道办事处");
        await Assertions.Expect(row).ToContainTextAsync("主责单位");
        await Assertions.Expect(row).ToContainTextAsync("也可能是协办单位");
        await Assertions.Expect(row).ToContainTextAsync("待确认");
        await row.ClickAsync();
        await Assertions.Expect(street.Locator("#split-form input[value='lead']")).ToBeCheckedAsync();
        await street.CheckAsync("#split-form input[value='co']");
        await street.FillAsync("#split-citation", citation);
        await street.FillAsync("#split-comment", "街道配合区城市管理委推进，不牵头");
        await street.ClickAsync("#split-submit");
        await Assertions.Expect(street.Locator("#split-message")).ToHaveTextAsync("已提交：协办单位，待区生态环境局审核。");
        await Assertions.Expect(row).ToContainTextAsync("已提交：协办 · 待审核");
        await street.Locator("#splits").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "staff-splits.png") });

        // The coordinator sees the proposal with its document, and approves it.
        var (coordinatorContext, coordinator, coordinatorErrors) = await OpenAsync(office.Address!);
        await using var __ = coordinatorContext;
        await LogInAsync(coordinator, office.Keys["区生态环境局"]);
        var pending = coordinator.Locator("#split-pending-rows tr");
        await Assertions.Expect(pending).ToHaveCountAsync(1);
        await Assertions.Expect(pending).ToContainTextAsync("什刹海街道");
        await Assertions.Expect(pending).ToContainTextAsync(citation);
        await coordinator.Locator("#split-review").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "staff-split-review.png") });
        await pending.Locator("button", new LocatorLocatorOptions { HasText = "通过" }).ClickAsync();
        await Assertions.Expect(coordinator.Locator("#split-review-message")).ToHaveTextAsync("已通过 附件1-3-3（什刹海街道），即时生效。");
        await Assertions.Expect(coordinator.Locator("#split-pending-rows tr")).ToHaveCountAsync(0);
        await Assertions.Expect(coordinator.Locator("#split-decided-rows")).ToContainTextAsync("已通过");

        // The street office's page, reloaded: nothing left to settle on that row, which it now co-operates on and does not report.
        await street.ReloadAsync();
        await Assertions.Expect(street.Locator("#work-view")).ToBeVisibleAsync();
        await Assertions.Expect(street.Locator("#split-rows tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(street.Locator("#split-rows tr[data-ref='附件1-3-3']")).ToHaveCountAsync(0);
        await Assertions.Expect(street.Locator("#report-rows tr[data-ref='附件1-3-3']")).ToHaveCountAsync(0);
        await Assertions.Expect(street.Locator("#split-settled-list")).ToContainTextAsync("附件1-3-3协办单位（以“各街道办事处”名义） · 依据：" + citation);
        await Assertions.Expect(street.Locator("#open-ended li", new PageLocatorOptions { HasText = "附件1-3-3" })).ToContainTextAsync("协办（各街道办事处）");
        await street.Locator("#split-settled").ScrollIntoViewIfNeededAsync();
        await street.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "staff-splits-settled.png") });

        // And the citizens' answer on that row carries no caveat any more.
        using var citizen = office.App.CreateClient();
        var answer = await (await citizen.PostAsJsonAsync("/api/ask", new { question = "附件1-3-3由谁负责" })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.DoesNotContain("推断", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.False(answer.GetProperty("splitInferred").GetBoolean());
        Assert.Empty(streetErrors);
        Assert.Empty(coordinatorErrors);
    }
}
