using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Assistant.Bot.Tests.BotFramework;

/// <summary>One activity the bot posted: the raw (still escaped) path, its Authorization header, Content-Length and the JSON body.</summary>
public sealed record PostedActivity(string RawPath, string? Authorization, long? ContentLength, JsonElement Body)
{
    public string Type => Body.GetProperty("type").GetString()!;

    /// <summary>The Adaptive Card the activity carries.</summary>
    public JsonElement Card
    {
        get
        {
            var attachment = Body.GetProperty("attachments")[0];
            Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
            return attachment.GetProperty("content");
        }
    }

    /// <summary>Every TextBlock text in the card, in order.</summary>
    public IReadOnlyList<string> CardTexts => Texts(Card).ToList();

    private static IEnumerable<string> Texts(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.GetString() == "TextBlock")
            {
                yield return element.GetProperty("text").GetString()!;
            }

            foreach (var property in element.EnumerateObject().Where(p => p.Name != "actions" && p.Name != "fallbackText"))
            {
                foreach (var text in Texts(property.Value))
                {
                    yield return text;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var text in element.EnumerateArray().SelectMany(Texts))
            {
                yield return text;
            }
        }
    }
}

/// <summary>
/// The Bot Connector at serviceUrl, on loopback: records every activity posted under any path prefix
/// (serviceUrls like /amer/ or /teams/) and answers <c>{"id": …}</c> as the real one does.
/// </summary>
public sealed class FakeConnector : LoopbackServer
{
    private readonly ConcurrentQueue<PostedActivity> _posted = new();
    private TaskCompletionSource _open = CompletedGate();

    public static async Task<FakeConnector> StartAsync(string? pathPrefix = null)
    {
        var connector = new FakeConnector();
        await connector.ListenAsync();
        connector.ServiceUrl = connector.BaseUrl + (pathPrefix ?? "/");
        return connector;
    }

    /// <summary>The serviceUrl activities carry: the base URL plus the path prefix, as Teams sends it (trailing '/').</summary>
    public string ServiceUrl { get; private set; } = "";

    public IReadOnlyList<PostedActivity> Posted => _posted.ToList();

    /// <summary>Holds every post until <see cref="Release"/>, to catch the bot answering before it acknowledges.</summary>
    public void Hold() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _open.TrySetResult();

    /// <summary>Polls until <paramref name="count"/> activities have arrived; fails after the timeout. Never a fixed sleep.</summary>
    public async Task<IReadOnlyList<PostedActivity>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (_posted.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The connector got {_posted.Count} activities, expected {count}: {string.Join(", ", _posted.Select(p => p.Type))}");
            }

            await Task.Delay(20);
        }

        return Posted;
    }

    protected override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/{**path}", async (HttpContext http) =>
        {
            await _open.Task;
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
            // RawTarget is the path as sent, before ASP.NET Core unescapes it.
            var raw = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
            _posted.Enqueue(new PostedActivity(raw, http.Request.Headers.Authorization.FirstOrDefault(), http.Request.ContentLength, body));
            return Results.Ok(new { id = $"bot-activity-{_posted.Count}" });
        });
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }
}
