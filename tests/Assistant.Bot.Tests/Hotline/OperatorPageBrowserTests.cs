using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Assistant.Bot.Tests.DirectLine;
using Microsoft.Playwright;

namespace Assistant.Bot.Tests.Hotline;

/// <summary>
/// The operator page in a real headless browser (Debian's Chromium) against the server on a loopback port: log in,
/// paste, review, edit, save, the recent list and the month's chart, log out. The screenshot goes to $ASSISTANT_SCREENSHOTS.
/// </summary>
public sealed class OperatorPageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Operator_triages_edits_saves_and_sees_the_month()
    {
        await using var app = new AssistantApplication();
        var server = app.StartOnLoopback();

        // Two earlier June complaints, so the list and the chart have more than the one typed in.
        using (var client = new HttpClient { BaseAddress = server })
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", AssistantApplication.OperatorKey);
            await client.PostAsJsonAsync("/api/hotline/drafts", new { complaint = "牛街有家饭馆油烟扰民", receivedAt = "2024-06-05T10:00:00+08:00" });
            await client.PostAsJsonAsync("/api/hotline/drafts", new { complaint = "德胜街道的工地半夜打桩", receivedAt = "2024-06-18T23:30:00+08:00" });
        }

        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 1600 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(server, "/operator").ToString());

        // Not logged in: the login page. A wrong key is refused; the right one opens the page.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/operator/login$"));
        await page.FillAsync("#key", "not-the-operator-key-000");
        await page.ClickAsync("#login");
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("密钥不正确。");
        await page.FillAsync("#key", AssistantApplication.OperatorKey);
        await page.ClickAsync("#login");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/operator$"));
        await Assertions.Expect(page.Locator("#complaint")).ToBeVisibleAsync();
        var session = Assert.Single(await context.CookiesAsync());
        Assert.True(session.HttpOnly && session.Secure);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);

        // Paste a complaint, with markup in it that must stay text.
        await page.FillAsync("#complaint", "我家在德胜街道新康社区，楼下烧烤店每天晚上油烟特别大<img src=x onerror=\"window.__xss=1\">，已经打过两次电话了，电话13812345678");
        await page.FillAsync("#received-at", "2024-06-12T20:30");
        await page.ClickAsync("#triage");

        await Assertions.Expect(page.Locator("#result")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#category")).ToHaveTextAsync("餐饮油烟");
        await Assertions.Expect(page.Locator("#street")).ToContainTextAsync("德胜街道");
        await Assertions.Expect(page.Locator("#lead-unit")).ToHaveTextAsync("区生态环境局（附件1-15-1 主责）");
        await Assertions.Expect(page.Locator("#local-unit")).ToHaveTextAsync("德胜街道办事处（附件1-19-1 主责）");
        await Assertions.Expect(page.Locator("#flags")).ToHaveTextAsync("重复诉求");
        await Assertions.Expect(page.Locator("#basis li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#basis li").First).ToContainTextAsync("附件1-15-1");
        var draft = await page.InputValueAsync("#draft");
        Assert.Contains("德胜街道办事处会同区生态环境局办理", draft);
        Assert.Contains("已注明是再次反映", draft);
        Assert.DoesNotContain("附件", draft);
        await Assertions.Expect(page.Locator("#draft-length")).ToHaveTextAsync(new Regex(@"^\d{2,3} / 320 字$"));
        await Assertions.Expect(page.Locator("#dispatch-note")).ToContainTextAsync("主办：区生态环境局（附件1-15-1 主责）");
        await Assertions.Expect(page.Locator("#dispatch-note")).ToContainTextAsync("标记：重复诉求");

        // The reply and the dispatch note stand side by side: same row, the reply on the left.
        var reply = (await page.Locator(".text.reply").BoundingBoxAsync())!;
        var note = (await page.Locator(".text.dispatch").BoundingBoxAsync())!;
        Assert.True(Math.Abs(reply.Y - note.Y) < 2, $"reply at y={reply.Y}, dispatch note at y={note.Y}");
        Assert.True(reply.X + reply.Width <= note.X, $"reply ends at x={reply.X + reply.Width}, dispatch note starts at x={note.X}");
        Assert.DoesNotContain("13812345678", draft);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));

        // Edit and save: a second revision.
        await page.FillAsync("#draft", draft + "\n（已电话联系来电人）");
        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator("#save-message")).ToHaveTextAsync("已保存为第 2 版。");
        await Assertions.Expect(page.Locator("#draft-status")).ToHaveTextAsync("已修改");

        // The recent list holds all three; the one typed in shows its complaint as text, markup and all.
        await Assertions.Expect(page.Locator("#recent-rows tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#recent-rows")).ToContainTextAsync("<img src=x");

        // The month's chart: June 2024, three complaints, bars for 德胜街道 and 牛街街道.
        await page.FillAsync("#month", "2024-06");
        await page.DispatchEventAsync("#month", "change");
        await Assertions.Expect(page.Locator("#month-total")).ToHaveTextAsync("2024-06 共 3 件");
        await Assertions.Expect(page.Locator("#chart svg rect")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#legend")).ToContainTextAsync("餐饮油烟 2");

        // Opening an older draft from the list.
        await page.Locator("#recent-rows tr", new PageLocatorOptions { HasText = "牛街" }).ClickAsync();
        await Assertions.Expect(page.Locator("#street")).ToContainTextAsync("牛街街道");

        await page.Locator("#recent-rows tr", new PageLocatorOptions { HasText = "新康社区" }).ClickAsync();
        await Assertions.Expect(page.Locator("#street")).ToContainTextAsync("德胜街道");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "operator.png"), FullPage = true });

        // Logging out ends the session: the page sends the browser back to the login.
        await page.ClickAsync("#logout");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/operator/login$"));
        await page.GotoAsync(new Uri(server, "/operator").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/operator/login$"));
        Assert.Empty(errors);
    }
}
