using Assistant.Bot.Tests.DirectLine;
using Microsoft.Playwright;

namespace Assistant.Bot.Tests.FirstRun;

/// <summary>
/// The public page in Debian's Chromium at a desktop and a phone size: however long the conversation, it scrolls inside
/// its panel, and the newest answer and the input stay in the window without scrolling the page.
/// </summary>
public sealed class PublicPageLayoutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string SendBox = "[data-id=\"webchat-sendbox-input\"]";
    private const string BotBubble = ".webchat__bubble:not(.webchat__bubble--from-user)";
    private const int AnswerTimeoutMs = 30_000;

    // Three questions whose answers are long enough to overflow any window, each recognisable by a unit it names.
    private static readonly (string Question, string Marker)[] Questions =
    [
        ("区园林绿化局负责哪些工作", "区园林绿化局"),
        ("餐饮油烟归哪个部门管", "区市场监管局"),
        ("区生态环境局负责哪些工作", "区生态环境局"),
    ];

    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(390, 844, "phone")]
    public async Task After_three_questions_the_last_answer_and_the_input_are_in_the_window(int width, int height, string name)
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var server = app.StartOnLoopback();
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            Locale = "zh-CN",
            ViewportSize = new() { Width = width, Height = height },
            IsMobile = width < 500,
            HasTouch = width < 500,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.ToString());
        await page.Locator("[data-chat-status]", new() { HasText = "已连接" }).WaitForAsync(new() { Timeout = AnswerTimeoutMs });
        var input = page.Locator(SendBox);
        var bubbles = page.Locator(BotBubble);

        foreach (var (question, marker) in Questions)
        {
            var before = await bubbles.CountAsync();
            await input.FillAsync(question);
            await input.PressAsync("Enter");
            await bubbles.Nth(before).Filter(new() { HasText = marker }).WaitForAsync(new() { Timeout = AnswerTimeoutMs });
        }

        // Web Chat scrolls to the newest activity with an animation: wait until the transcript has reached its end.
        var last = bubbles.Last;
        try
        {
            await page.WaitForFunctionAsync("""
                () => [...document.querySelectorAll('[data-chat] *')].some(e =>
                  e.scrollHeight > e.clientHeight + 10 && e.scrollTop > 0 && e.scrollTop + e.clientHeight >= e.scrollHeight - 2)
                """, null, new() { PollingInterval = 200, Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"public-page-{name}.png") });
            Assert.Fail($"At {width}x{height} the transcript never scrolled to its end inside its panel: the conversation grew the page instead.");
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"public-page-{name}.png") });

        Assert.Equal(0, await page.EvaluateAsync<double>("() => window.scrollY"));
        var answer = await last.BoundingBoxAsync();
        var box = await input.BoundingBoxAsync();
        Assert.NotNull(answer);
        Assert.NotNull(box);
        // The input is wholly inside the window, and the newest answer ends above it: the reader sees its end.
        Assert.InRange(box.Y, 0, height - box.Height);
        Assert.InRange(answer.Y + answer.Height, 1, box.Y);
        Assert.InRange(box.X, 0, width - box.Width);
        // It is the transcript that scrolls, not the page: on a desktop the page fits the window; on a phone the notes
        // below the chat are a scroll away, and the chat fills the window above them.
        if (width > 860)
        {
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight <= window.innerHeight + 1"));
        }

        Assert.True(await page.EvaluateAsync<bool>(
            "() => [...document.querySelectorAll('[data-chat] *')].some(e => e.scrollHeight > e.clientHeight + 10 && e.scrollTop > 0)"),
            "the transcript should be scrolled inside its panel");
    }
}
