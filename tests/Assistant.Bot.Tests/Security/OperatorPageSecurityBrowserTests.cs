using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Assistant.Bot.Tests.DirectLine;
using Microsoft.Playwright;

namespace Assistant.Bot.Tests.Security;

/// <summary>
/// The operator page in headless Chromium: the login URL the server logs, and a complaint carrying script, an event
/// handler and a Markdown link, which must show as text everywhere it appears and never run.
/// </summary>
public sealed class OperatorPageSecurityBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Injected =
        "德胜街道新康社区楼下烧烤店每天晚上油烟特别大<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>" +
        "[点此领取补贴](javascript:window.__xss=3) **紧急**";

    [Fact]
    public async Task The_logged_login_url_opens_the_page_and_an_injected_complaint_stays_text()
    {
        await using var app = new AssistantApplication();
        var server = app.StartOnLoopback();
        // Stored through the API first, so the page renders it from the list and from a reload, not from what was typed.
        using (var client = new HttpClient { BaseAddress = server })
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", AssistantApplication.OperatorKey);
            Assert.True((await client.PostAsJsonAsync("/api/hotline/drafts", new { complaint = Injected, receivedAt = "2024-06-12T20:30:00+08:00" })).IsSuccessStatusCode);
        }

        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "zh-CN", TimezoneId = "Asia/Shanghai", ViewportSize = new() { Width = 1280, Height = 1400 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };

        // The URL the server logs: the key after '#', which the page posts once and then drops from the address bar.
        await page.GotoAsync(new Uri(server, $"/operator/login#key={AssistantApplication.OperatorKey}").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/operator$"));
        Assert.DoesNotContain(AssistantApplication.OperatorKey, page.Url, StringComparison.Ordinal);

        // The stored complaint, in the recent list and opened as a draft.
        var row = page.Locator("#recent-rows tr").First;
        await Assertions.Expect(row).ToContainTextAsync("<img src=x onerror=");
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("#category")).ToHaveTextAsync("餐饮油烟");

        // Typed in again, as an operator would paste it.
        await page.FillAsync("#complaint", Injected);
        await page.ClickAsync("#triage");
        await Assertions.Expect(page.Locator("#recent-rows tr")).ToHaveCountAsync(2);

        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        // No element was made from the complaint: no image, script or link anywhere in the page's content.
        Assert.Equal(0, await page.Locator("main img, main script, main a").CountAsync());
        Assert.Contains("<script>", await page.InputValueAsync("#complaint"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "operator-injection.png"), FullPage = true });
        Assert.Empty(errors);
        Assert.Empty(violations);
    }
}
