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
        // The plan loads while the server starts: ready once it has.
        await PlanLoadingTests.UntilReadyAsync(client);
        var ready = await client.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(163, ready.GetProperty("measures").GetInt32());
    }

    [Fact]
    public async Task Admins_scrape_the_question_counters_and_nobody_else_does()
    {
        const string adminKey = "test-admin-key-0c5d7e";
        await using var app = new AssistantApplication(new Dictionary<string, string?> { ["Assistant:AdminApiKey"] = adminKey });
        using var citizen = app.CreateClient();
        await citizen.PostAsJsonAsync("/api/ask", new { question = "叉车电动化由哪些部门负责" });
        await citizen.PostAsJsonAsync("/api/ask", new { question = "施工扬尘管控什么时候完成" });
        await citizen.PostAsJsonAsync("/api/ask", new { question = "今天天气怎么样" });
        using var operatorClient = app.CreateOperatorClient();
        using var admin = app.CreateClientWithKey(adminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await citizen.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync("/metrics")).StatusCode);
        var scraped = await admin.GetStringAsync("/metrics");

        // Prometheus text: one series per intent and channel, the unanswered count, and the latency histogram. (At least:
        // the test host runs other apps at the same time, and the exporter listens to every meter of that name.)
        var lines = scraped.Split('\n');
        Assert.InRange(Value(lines, "assistant_questions_total{", "intent=\"lead\"", "channel=\"api\""), 1, double.MaxValue);
        Assert.InRange(Value(lines, "assistant_questions_total{", "intent=\"deadline\"", "channel=\"api\""), 1, double.MaxValue);
        Assert.InRange(Value(lines, "assistant_questions_unanswered_total{", "intent=\"none\"", "channel=\"api\""), 1, double.MaxValue);
        Assert.InRange(Value(lines, "assistant_answer_duration_milliseconds_bucket{", "intent=\"lead\"", "le=\"+Inf\""), 1, double.MaxValue);
        Assert.InRange(Value(lines, "http_server_request_duration_seconds_count{", "http_route=\"/api/ask/\"", "http_response_status_code=\"200\""), 3, double.MaxValue);
        Assert.InRange(Value(lines, "http_server_request_duration_seconds_count{", "http_route=\"/metrics\"", "http_response_status_code=\"401\""), 1, double.MaxValue);
    }

    /// <summary>
    /// The sum of the series whose line starts with <paramref name="metric"/> and has every label given (the test host's
    /// other apps, running at the same time, export meters of the same name as series of their own).
    /// </summary>
    private static double Value(IEnumerable<string> lines, string metric, params string[] labels)
    {
        var matching = lines.Where(l => l.StartsWith(metric, StringComparison.Ordinal) && labels.All(label => l.Contains(label, StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(matching);
        return matching.Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
