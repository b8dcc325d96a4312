using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.DirectLine;

/// <summary>
/// The official Web Chat in headless Chromium, against the server on a loopback port: the public page, and the widget
/// embedded in another origin's page.
/// </summary>
public sealed class WebChatBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string SendBox = "[data-id=\"webchat-sendbox-input\"]";
    private const string BotBubble = ".webchat__bubble:not(.webchat__bubble--from-user)";
    private const int AnswerTimeoutMs = 30_000;

    [Fact]
    public async Task The_public_page_answers_a_citizen_in_web_chat()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var server = app.StartOnLoopback();
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 960 } });
        var page = await context.NewPageAsync();
        var problems = WatchForProblems(page);

        await page.GotoAsync(server.ToString());
        await WaitUntilConnectedAsync(page.Locator("body"));
        var input = page.Locator(SendBox);
        await input.FillAsync(DirectLineTestClient.Question);
        var sent = System.Diagnostics.Stopwatch.StartNew();
        await input.PressAsync("Enter");
        var answer = page.Locator(BotBubble).Filter(new() { HasText = "区市场监管局" }).First;
        await answer.WaitForAsync(new() { Timeout = AnswerTimeoutMs });
        output.WriteLine($"Enter to answer on screen: {sent.ElapsedMilliseconds} ms");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "public-page.png"), FullPage = true });

        var text = await answer.InnerTextAsync();
        Assert.Contains("区生态环境局", text, StringComparison.Ordinal);
        Assert.Contains("区市场监管局", text, StringComparison.Ordinal);
        Assert.Contains("附件1-15", text, StringComparison.Ordinal);
        Assert.Equal("500", await input.GetAttributeAsync("maxlength"));
        // Sent, not "send failed": the echo came back with the clientActivityID.
        Assert.Equal(0, await page.Locator(".webchat__activity-status--send-failed, .webchat__send-failed").CountAsync());

        // A suggested question is one click away.
        await page.Locator("[data-suggestions] button", new() { HasText = "区园林绿化局负责哪些工作" }).ClickAsync();
        await page.Locator(BotBubble).Filter(new() { HasText = "区园林绿化局" }).First.WaitForAsync(new() { Timeout = AnswerTimeoutMs });

        // A reload reconnects to the same conversation and replays it.
        await page.ReloadAsync();
        await page.Locator(BotBubble).Filter(new() { HasText = "区市场监管局" }).First.WaitForAsync(new() { Timeout = AnswerTimeoutMs });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_widget_embedded_on_an_allowed_site_answers_in_its_bubble()
    {
        await using var site = await HostSite.StartAsync();
        await using var app = new AssistantApplication(DirectLineTestClient.Settings(
            ("Widget:AllowedOrigins:0", site.OriginText), ("DirectLine:AllowedOrigins:0", site.OriginText)));
        var server = app.StartOnLoopback();
        site.Html = EmbeddingPage(server, "data-title=\"西城政策咨询\" data-color=\"#1f5fa8\"");
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var problems = WatchForProblems(page);

        await page.GotoAsync(site.Origin.ToString());
        var bubble = page.Locator("[data-xicheng-assistant] button.bubble");
        Assert.Equal("rgb(31, 95, 168)", await bubble.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
        await bubble.ClickAsync();
        Assert.Equal("西城政策咨询", await page.Locator("[data-xicheng-assistant] .header span").InnerTextAsync());
        var chat = page.FrameLocator("[data-xicheng-assistant] iframe");
        await WaitUntilConnectedAsync(chat.Locator("body"));
        var input = chat.Locator(SendBox);
        await input.FillAsync(DirectLineTestClient.Question);
        await input.PressAsync("Enter");
        var answer = chat.Locator(BotBubble).Filter(new() { HasText = "区市场监管局" }).First;
        await answer.WaitForAsync(new() { Timeout = AnswerTimeoutMs });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-embedded.png") });

        Assert.Contains("区生态环境局", await answer.InnerTextAsync(), StringComparison.Ordinal);
        // The host page cannot read the conversation: the panel is another origin.
        Assert.False(await page.EvaluateAsync<bool>("() => { try { return !!document.querySelector('[data-xicheng-assistant]').shadowRoot.querySelector('iframe').contentDocument; } catch { return false; } }"));
        // DirectLine:AllowedOrigins lets this origin's own scripts call Direct Line (a real browser preflight).
        Assert.Equal(201, await CallDirectLineFromPageAsync(page, app, server));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task A_site_that_is_not_allowed_gets_no_chat_and_no_direct_line()
    {
        await using var site = await HostSite.StartAsync();
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var server = app.StartOnLoopback();
        site.Html = EmbeddingPage(server, "");
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) => refused.Add(message.Text);

        await page.GotoAsync(site.Origin.ToString());
        await page.Locator("[data-xicheng-assistant] button.bubble").ClickAsync();
        await page.WaitForTimeoutAsync(1500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-refused.png") });

        Assert.Equal(0, await page.FrameLocator("[data-xicheng-assistant] iframe").Locator(SendBox).CountAsync());
        Assert.Contains(refused, text => text.Contains("frame-ancestors", StringComparison.Ordinal));
        Assert.Equal(0, await CallDirectLineFromPageAsync(page, app, server));
    }

    /// <summary>
    /// As a person would, type once the chat is connected: the page's own status says so, and Web Chat's (debounced)
    /// "正在连接…" is gone.
    /// </summary>
    private static async Task WaitUntilConnectedAsync(ILocator page)
    {
        await page.Locator("[data-chat-status]", new() { HasText = "已连接" }).WaitForAsync(new() { Timeout = AnswerTimeoutMs });
        await page.Locator(".webchat__connectivityStatus", new() { HasText = "正在连接" }).WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = AnswerTimeoutMs });
    }

    private static string EmbeddingPage(Uri server, string attributes) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>某街道办事处</title>
        <style>body { font-family: serif; background: #fafafa; } button { background: lime !important; }</style></head>
        <body><h1>某街道办事处网站</h1><p>本站嵌入了西城政策助手。</p>
        <script src="{{new Uri(server, "widget.js")}}" {{attributes}} async></script></body></html>
        """;

    /// <summary>
    /// Starts a conversation from the page's own origin with fetch, sending the headers directlinejs sends; the status, or
    /// 0 when the browser refused the cross-origin call.
    /// </summary>
    private static async Task<int> CallDirectLineFromPageAsync(IPage page, AssistantApplication app, Uri server)
    {
        var dl = new DirectLineTestClient(app.CreateClient());
        var (_, token) = await dl.GenerateTokenAsync();
        return await page.EvaluateAsync<int>("""
            async ([url, token]) => {
              try {
                const response = await fetch(url, { method: 'POST', body: '{}', headers: {
                  'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json',
                  'x-ms-bot-agent': 'DirectLine/3.0 (directlinejs 0.15.5)', 'X-Requested-With': 'XMLHttpRequest' } });
                return response.status;
              } catch { return 0; }
            }
            """, new[] { new Uri(server, "v3/directline/conversations").ToString(), token });
    }

    /// <summary>Script errors and refused resources (a CSP violation is a console error): none should happen.</summary>
    private static List<string> WatchForProblems(IPage page)
    {
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"{message.Text} ({message.Location})");
            }
        };
        return problems;
    }
}
