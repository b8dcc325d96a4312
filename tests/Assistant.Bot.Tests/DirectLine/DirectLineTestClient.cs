using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.DirectLine;

/// <summary>A Direct Line client for tests: the raw HTTP calls Web Chat makes, with the status code kept.</summary>
internal sealed class DirectLineTestClient(HttpClient http)
{
    public const string Secret = "test-secret-4f7d1c2a9b";

    public const string Question = "餐饮油烟归哪个部门管";

    /// <summary>Settings every Direct Line test uses: a known secret, plus any extra ones.</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["DirectLine:Secret"] = Secret };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public HttpClient Http => http;

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? bearer, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is byte[] bytes)
        {
            request.Content = new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") } };
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>A token from the secret, as a site's server gets one; optionally for a named user.</summary>
    public async Task<(string ConversationId, string Token)> GenerateTokenAsync(string? userId = null)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", Secret,
            userId is null ? null : new { user = new { id = userId } });
        Assert.Equal(HttpStatusCode.OK, status);
        return (body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!);
    }

    /// <summary>Generates a token and starts its conversation.</summary>
    public async Task<(string ConversationId, string Token, string StreamUrl)> StartAsync(string? userId = null)
    {
        var (conversationId, token) = await GenerateTokenAsync(userId);
        var (status, body) = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        Assert.Equal(HttpStatusCode.Created, status);
        return (conversationId, token, body.GetProperty("streamUrl").GetString()!);
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> PostMessageAsync(string conversationId, string token, string text,
        string from = "user1", string? clientActivityId = null) =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, new
        {
            type = "message",
            from = new { id = from, role = "user" },
            text,
            locale = "zh-CN",
            channelData = new { clientActivityID = clientActivityId ?? Guid.NewGuid().ToString("n") },
        });

    public Task<(HttpStatusCode Status, JsonElement Body)> GetActivitiesAsync(string conversationId, string token, string watermark = "") =>
        SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark={watermark}", token);

    public static string ErrorCode(JsonElement body) => body.GetProperty("error").GetProperty("code").GetString()!;
}

internal static class LoopbackServer
{
    /// <summary>Runs the application on a real Kestrel socket at 127.0.0.1 (a free port), for browsers and Node.</summary>
    public static Uri StartOnLoopback(this AssistantApplication app)
    {
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new Uri(address);
    }
}
