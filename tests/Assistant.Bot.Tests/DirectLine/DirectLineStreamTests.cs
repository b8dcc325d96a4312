using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.DirectLine;

/// <summary>The WebSocket stream: ActivitySets as activities are added, keep-alives, watermarks, one socket per conversation.</summary>
public sealed class DirectLineStreamTests
{
    [Fact]
    public async Task The_stream_delivers_the_echo_and_the_answer_as_activity_sets()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var dl = new DirectLineTestClient(app.CreateClient());
        var (conversationId, token, streamUrl) = await dl.StartAsync();
        using var socket = await app.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None);

        var (_, posted) = await dl.PostMessageAsync(conversationId, token, DirectLineTestClient.Question, clientActivityId: "ws-1");
        var id = posted.GetProperty("id").GetString();

        var received = new List<JsonElement>();
        string? watermark = null;
        while (received.Count < 2)
        {
            var frame = await ReceiveAsync(socket);
            if (frame.Length == 0)
            {
                continue;
            }

            var set = JsonDocument.Parse(frame).RootElement.Clone();
            received.AddRange(set.GetProperty("activities").EnumerateArray());
            watermark = set.GetProperty("watermark").GetString();
        }

        Assert.Equal(id, received[0].GetProperty("id").GetString());
        Assert.Equal("ws-1", received[0].GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal(id, received[1].GetProperty("replyToId").GetString());
        Assert.Contains("区生态环境局", received[1].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("2", watermark);
    }

    [Fact]
    public async Task A_stream_opened_from_a_watermark_sends_only_what_came_after_it()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var dl = new DirectLineTestClient(app.CreateClient());
        var (conversationId, token, _) = await dl.StartAsync();
        await dl.PostMessageAsync(conversationId, token, DirectLineTestClient.Question);

        var (_, reconnect) = await dl.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark=1", token);
        using var socket = await app.Server.CreateWebSocketClient()
            .ConnectAsync(new Uri(reconnect.GetProperty("streamUrl").GetString()!), CancellationToken.None);
        var set = JsonDocument.Parse(await ReceiveAsync(socket)).RootElement;

        var only = Assert.Single(set.GetProperty("activities").EnumerateArray());
        Assert.Equal("bot", only.GetProperty("from").GetProperty("role").GetString());
        Assert.Equal("2", set.GetProperty("watermark").GetString());
    }

    [Fact]
    public async Task An_idle_stream_sends_empty_keep_alives()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings(("DirectLine:KeepAliveSeconds", "1")));
        var dl = new DirectLineTestClient(app.CreateClient());
        var (_, _, streamUrl) = await dl.StartAsync();
        using var socket = await app.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None);

        // The client's own ping, as botframework-directlinejs sends it, is read and dropped.
        await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, true, CancellationToken.None);
        var frame = await ReceiveAsync(socket, TimeSpan.FromSeconds(5));

        Assert.Equal("", frame);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task A_second_stream_replaces_the_first()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var dl = new DirectLineTestClient(app.CreateClient());
        var (conversationId, token, streamUrl) = await dl.StartAsync();
        using var first = await app.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        var (_, reconnect) = await dl.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}", token);

        using var second = await app.Server.CreateWebSocketClient()
            .ConnectAsync(new Uri(reconnect.GetProperty("streamUrl").GetString()!), CancellationToken.None);
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var closed = await first.ReceiveAsync(buffer, timeout.Token);

        Assert.Equal(WebSocketMessageType.Close, closed.MessageType);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, first.CloseStatus);
        await dl.PostMessageAsync(conversationId, token, DirectLineTestClient.Question);
        Assert.Contains("\"activities\"", await ReceiveAsync(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stream_opens_only_with_this_conversations_stream_token()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var dl = new DirectLineTestClient(app.CreateClient());
        var (conversationId, token, streamUrl) = await dl.StartAsync();
        var (other, _, _) = await dl.StartAsync();
        var client = app.Server.CreateWebSocketClient();

        var otherConversation = await Assert.ThrowsAnyAsync<Exception>(() =>
            client.ConnectAsync(new Uri(streamUrl.Replace(conversationId, other, StringComparison.Ordinal)), CancellationToken.None));
        var conversationToken = await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(
            new Uri($"ws://localhost/v3/directline/conversations/{conversationId}/stream?t={token}"), CancellationToken.None));
        var noToken = await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(
            new Uri($"ws://localhost/v3/directline/conversations/{conversationId}/stream"), CancellationToken.None));

        Assert.Contains("403", otherConversation.Message, StringComparison.Ordinal);
        Assert.Contains("403", conversationToken.Message, StringComparison.Ordinal);
        Assert.Contains("401", noToken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_url_opens_one_socket_and_its_token_is_never_logged()
    {
        var logs = new LogCollector();
        // Request lines on (the shipped appsettings.json keeps Microsoft.AspNetCore at Warning), so redaction is what is tested.
        await using var app = new AssistantApplication(
            DirectLineTestClient.Settings(("Logging:LogLevel:Microsoft.AspNetCore.Hosting", "Information")),
            services: s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        var dl = new DirectLineTestClient(app.CreateClient());
        var (conversationId, token, streamUrl) = await dl.StartAsync();
        var streamToken = Uri.UnescapeDataString(streamUrl[(streamUrl.IndexOf("t=", StringComparison.Ordinal) + 2)..]);

        using (var socket = await app.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None))
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }

        var reused = await Assert.ThrowsAnyAsync<Exception>(() => app.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None));
        Assert.Contains("403", reused.Message, StringComparison.Ordinal);
        // A fresh streamUrl (as Web Chat gets on reconnecting) opens it again.
        var (_, reconnect) = await dl.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}", token);
        using var again = await app.Server.CreateWebSocketClient().ConnectAsync(new Uri(reconnect.GetProperty("streamUrl").GetString()!), CancellationToken.None);

        Assert.Contains(logs.Messages, m => m.Contains("Request starting", StringComparison.Ordinal) && m.Contains($"/conversations/{conversationId}/stream?(redacted)", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(streamToken, StringComparison.Ordinal) || m.Contains("t=eyJ", StringComparison.Ordinal));
        Assert.Equal("Warning", app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Logging:LogLevel:Microsoft.AspNetCore"]);
    }

    /// <summary>One whole text message; "" for a keep-alive.</summary>
    private static async Task<string> ReceiveAsync(WebSocket socket, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(15));
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(message.ToArray());
    }
}
