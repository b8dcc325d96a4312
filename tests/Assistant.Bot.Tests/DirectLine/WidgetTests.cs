using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assistant.Bot.Tests.DirectLine;

/// <summary>The public page, the widget's panel and script, and the token endpoint they use.</summary>
public sealed class WidgetTests
{
    [Fact]
    public async Task The_widget_token_is_a_citizen_token_for_a_new_conversation_and_never_the_secret()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings(("DirectLine:MaxMessageLength", "300")));
        var dl = new DirectLineTestClient(app.CreateClient());

        using var response = await dl.Http.PostAsJsonAsync("/api/widget/token", new { });
        var raw = await response.Content.ReadAsStringAsync();
        var session = JsonDocument.Parse(raw).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(DirectLineTestClient.Secret, raw, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.StartsWith("dl_", session.GetProperty("userId").GetString(), StringComparison.Ordinal);
        Assert.Equal(300, session.GetProperty("maxMessageLength").GetInt32());
        Assert.Contains("餐饮油烟归哪个部门管", session.GetProperty("suggestedQuestions").EnumerateArray().Select(q => q.GetString()));

        // The token opens its conversation and posts as the user it names.
        var conversationId = session.GetProperty("conversationId").GetString()!;
        var token = session.GetProperty("token").GetString()!;
        var (started, _) = await dl.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        Assert.Equal(HttpStatusCode.Created, started);
        await dl.PostMessageAsync(conversationId, token, DirectLineTestClient.Question);
        var (_, set) = await dl.GetActivitiesAsync(conversationId, token);
        Assert.Equal(session.GetProperty("userId").GetString(), set.GetProperty("activities")[0].GetProperty("from").GetProperty("id").GetString());
        // ... and nothing else: no new tokens from it.
        Assert.Equal(HttpStatusCode.Forbidden, (await dl.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", token)).Status);
    }

    [Theory]
    [InlineData("http://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("https://www.example.gov.cn.evil.example", HttpStatusCode.Forbidden)]
    [InlineData("http://www.example.gov.cn", HttpStatusCode.Forbidden)]
    [InlineData("https://www.example.gov.cn:8443", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost:81", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData("https://www.example.gov.cn", HttpStatusCode.OK)]
    [InlineData("http://localhost", HttpStatusCode.OK)]
    [InlineData(null, HttpStatusCode.OK)]
    public async Task Widget_tokens_go_only_to_this_servers_pages_and_the_allowed_origins(string? origin, HttpStatusCode expected)
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings(("Widget:AllowedOrigins:0", "https://www.example.gov.cn")));
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/token") { Content = JsonContent.Create(new { }) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK, (await response.Content.ReadAsStringAsync()).Contains("\"token\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Widget_tokens_are_rate_limited_per_client()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings(("DirectLine:TokensPerMinute", "3")));
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/widget/token", new { });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task The_public_page_loads_web_chat_from_this_server_under_a_strict_policy()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        using var client = app.CreateClient();

        using var page = await client.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        using var bundle = await client.GetAsync("/lib/webchat-minimal.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("西城政策助手", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"lib/webchat-minimal.js\"></script>", html, StringComparison.Ordinal);
        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self';", policy, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.True(bundle.Content.Headers.ContentLength > 1_000_000, "the Web Chat UMD bundle is served");
    }

    [Fact]
    public async Task Only_the_allowed_origins_may_frame_the_widget_panel()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings(
            ("Widget:AllowedOrigins:0", "https://www.bjxch.gov.cn"), ("Widget:AllowedOrigins:1", "http://127.0.0.1:8080/")));
        using var client = app.CreateClient();

        using var panel = await client.GetAsync("/embed.html");
        using var script = await client.GetAsync("/widget.js");

        var policy = string.Join(' ', panel.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'self' https://www.bjxch.gov.cn http://127.0.0.1:8080;", policy, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("embed.html", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allowed_origin_that_is_not_an_origin_stops_the_start()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings(("Widget:AllowedOrigins:0", "https://example.gov.cn/path")));

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Widget:AllowedOrigins", error.ToString(), StringComparison.Ordinal);
    }
}
