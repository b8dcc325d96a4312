using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels.DirectLine;

/// <summary>
/// The conversation's WebSocket (the <c>streamUrl</c>): every frame is an ActivitySet <c>{"activities","watermark"}</c>,
/// or an empty keep-alive when nothing happened for a while. The client only ever sends empty pings.
/// </summary>
internal static class DirectLineStream
{
    private const int MaxActivitiesPerFrame = 100;
    private const int MaxClientMessageBytes = 4096;

    public static async Task<Results<EmptyHttpResult, JsonHttpResult<DirectLineError>>> AcceptAsync(
        string conversationId, string? t, string? watermark, HttpContext context, DirectLineTokens tokens, IDirectLineStore store,
        ConversationFeed feed, IOptions<DirectLineOptions> options, ILogger<ConversationFeed> logger)
    {
        var check = tokens.Verify(t ?? "", out var token);
        if (check == TokenCheck.Expired)
        {
            return DirectLineErrors.TokenExpired();
        }

        if (check != TokenCheck.Valid)
        {
            return DirectLineErrors.Unauthorized("The stream token is not valid.");
        }

        if (token!.Use != TokenUse.Stream || !string.Equals(token.ConversationId, conversationId, StringComparison.Ordinal))
        {
            return DirectLineErrors.Forbidden("The token does not open this conversation's stream.");
        }

        if (!DirectLineApi.TryParseWatermark(watermark, out var after))
        {
            return DirectLineErrors.BadArgument("watermark is not valid.");
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            return DirectLineErrors.BadArgument("The stream is a WebSocket.");
        }

        if (!await store.ExistsAsync(conversationId, context.RequestAborted))
        {
            return DirectLineErrors.NotFound("No such conversation.");
        }

        // Once only: the token travels in a URL (proxies and logs may keep it), so after its socket opened it is spent. A
        // client that reconnects asks for a fresh streamUrl (GET the conversation), as Web Chat does.
        if (token.Id is not { Length: > 0 } tokenId || !await store.ClaimStreamTokenAsync(tokenId, token.ExpiresAt, context.RequestAborted))
        {
            return DirectLineErrors.Forbidden("The stream token has been used; get a new streamUrl from the conversation.");
        }

        // Listen before the first read, so an activity added in between still wakes the loop.
        using var listener = feed.Listen(conversationId);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, listener.Replaced);
        var receiving = ReceiveUntilClosedAsync(socket, closing, context.RequestAborted);
        try
        {
            var keepAlive = TimeSpan.FromSeconds(options.Value.KeepAliveSeconds);
            while (!closing.IsCancellationRequested)
            {
                var page = await store.ReadAsync(conversationId, after, MaxActivitiesPerFrame, closing.Token);
                if (page.Activities.Count > 0)
                {
                    after = page.Watermark;
                    var set = new ActivitySet(page.Activities, after.ToString(CultureInfo.InvariantCulture));
                    await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(set, DirectLineJson.Options), WebSocketMessageType.Text, true, closing.Token);
                    continue;
                }

                if (!await listener.WaitAsync(keepAlive, closing.Token))
                {
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, true, closing.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away, or another socket took over the conversation.
        }

        await CloseAsync(socket, listener.Replaced.IsCancellationRequested, logger);
        if (await Task.WhenAny(receiving, Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted)) != receiving)
        {
            socket.Abort();
        }

        await receiving;
        return TypedResults.Empty;
    }

    /// <summary>
    /// Reads (and drops) the client's pings until it closes, then stops the sending loop. It does not stop on
    /// <paramref name="closing"/>: cancelling a receive aborts the socket, and a replaced socket should get a close frame.
    /// </summary>
    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationTokenSource closing, CancellationToken aborted)
    {
        var buffer = new byte[1024];
        var messageBytes = 0;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, aborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                messageBytes = result.EndOfMessage ? 0 : messageBytes + result.Count;
                if (messageBytes > MaxClientMessageBytes)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closed underneath us.
        }

        await closing.CancelAsync();
    }

    private static async Task CloseAsync(WebSocket socket, bool replaced, ILogger logger)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await socket.CloseOutputAsync(
                replaced ? WebSocketCloseStatus.PolicyViolation : WebSocketCloseStatus.NormalClosure,
                replaced ? "Another stream opened this conversation." : null,
                timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            logger.LogDebug(e, "A Direct Line stream did not close cleanly");
        }
    }
}
