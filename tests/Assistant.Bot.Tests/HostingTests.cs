using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assistant.Bot.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task Public_questions_are_rate_limited_with_retry_after()
    {
        await using var app = new AssistantApplication(new Dictionary<string, string?> { ["Assistant:Limits:PerIpPerMinute"] = "3" });
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var response = await client.PostAsJsonAsync("/api/ask", new { question = "餐饮油烟归哪个部门管" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null || response.Headers.Contains("Retry-After"));
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Health_and_readiness_answer()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var ready = await client.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(163, ready.GetProperty("measures").GetInt32());
    }
}
