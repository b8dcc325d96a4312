using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assistant.Bot.Hosting;
using Assistant.Bot.Tests.DirectLine;

namespace Assistant.Bot.Tests.Security;

/// <summary>The standard headers on every kind of response, and user text that stays text wherever it comes back.</summary>
public sealed class HeadersAndEncodingTests
{
    /// <summary>Script, an event handler, and Markdown that would render a link or emphasis.</summary>
    private const string Injection = "<script>alert(1)</script><img src=x onerror=alert(2)>[点此领取补贴](javascript:alert(3)) **紧急** ";

    [Fact]
    public async Task Every_response_carries_the_standard_headers()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings(("Widget:AllowedOrigins:0", "https://www.bjxch.gov.cn")));
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var operatorClient = app.CreateOperatorClient();

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["page"] = await client.GetAsync("/"),
            ["embed"] = await client.GetAsync("/embed.html"),
            ["script"] = await client.GetAsync("/widget.js"),
            ["json"] = await client.PostAsJsonAsync("/api/ask", new { question = "餐饮油烟归哪个部门管" }),
            ["problem"] = await client.PostAsJsonAsync("/api/ask", new { question = "" }),
            ["missing"] = await client.GetAsync("/no-such-thing"),
            ["unauthorized"] = await client.GetAsync("/api/hotline/drafts"),
            ["redirect"] = await client.GetAsync("/operator"),
            ["login"] = await client.GetAsync("/operator/login"),
            ["operator page"] = await operatorClient.GetAsync("/operator"),
            ["drafts"] = await operatorClient.GetAsync("/api/hotline/drafts"),
        };

        foreach (var (name, response) in responses)
        {
            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", name);
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
            Assert.True(response.Headers.Contains("Content-Security-Policy"), name);
        }

        string Policy(string name) => responses[name].Headers.GetValues("Content-Security-Policy").Single();
        string? FrameOptions(string name) => responses[name].Headers.TryGetValues("X-Frame-Options", out var v) ? v.Single() : null;

        // Pages: scripts from this server only; the operator's pages framed by nobody, the public page by itself only,
        // the widget panel by the allowed site too (so no X-Frame-Options, which cannot name it).
        Assert.Equal(SecurityHeaders.PagePolicy, Policy("operator page"));
        Assert.Equal(SecurityHeaders.PagePolicy, Policy("login"));
        Assert.Equal("DENY", FrameOptions("operator page"));
        Assert.Contains("frame-ancestors 'self';", Policy("page"), StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", FrameOptions("page"));
        Assert.Contains("frame-ancestors 'self' https://www.bjxch.gov.cn;", Policy("embed"), StringComparison.Ordinal);
        Assert.Null(FrameOptions("embed"));
        Assert.All(new[] { "page", "embed", "login", "operator page" }, name =>
        {
            Assert.Contains("script-src 'self';", Policy(name), StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", Policy(name), StringComparison.Ordinal);
        });
        // Data: nothing in it may run, nobody may frame it.
        Assert.All(new[] { "json", "problem", "missing", "unauthorized", "drafts", "script" }, name =>
        {
            Assert.Equal(SecurityHeaders.DataPolicy, Policy(name));
            Assert.Equal("DENY", FrameOptions(name));
        });
        // What an authenticated caller was shown is never cached.
        Assert.Equal("no-store", responses["drafts"].Headers.CacheControl?.ToString());
        Assert.Equal("no-store", responses["operator page"].Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Injected_markup_in_a_question_comes_back_as_escaped_json_only()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/ask", new { question = "餐饮油烟归哪个部门管" + Injection });
        var raw = await response.Content.ReadAsStringAsync();
        var answer = JsonDocument.Parse(raw).RootElement.GetProperty("answer").GetString()!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain('<', raw);
        // The answer is the plan's words: none of the injected markup or link is echoed into it.
        Assert.DoesNotContain("script", answer, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", answer, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("](", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Injected_markup_in_a_complaint_is_kept_as_data_and_never_as_markup()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateOperatorClient();
        var complaint = "德胜街道新康社区楼下烧烤店每天晚上油烟特别大" + Injection;

        var created = await client.PostAsJsonAsync("/api/hotline/drafts", new { complaint });
        var raw = await created.Content.ReadAsStringAsync();
        var draft = JsonDocument.Parse(raw).RootElement;
        var list = await client.GetStringAsync("/api/hotline/drafts");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/json", created.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain('<', raw);
        Assert.DoesNotContain('<', list);
        // Kept exactly as the operator pasted it (it is the record of the call), and triaged as usual. The draft may
        // quote the caller's words; it is text for the operator to edit, shown as text (see the browser and Teams tests).
        Assert.Equal(complaint.Trim(), draft.GetProperty("complaint").GetString());
        Assert.Equal("餐饮油烟", draft.GetProperty("category").GetString());
    }
}
