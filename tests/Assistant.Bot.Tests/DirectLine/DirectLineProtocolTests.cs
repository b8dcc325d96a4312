using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Assistant.Bot.Tests.DirectLine;

/// <summary>Direct Line 3.0 over HTTP, as botframework-directlinejs and Web Chat call it (bot-protocols.md §2).</summary>
public sealed class DirectLineProtocolTests
{
    [Fact]
    public async Task Tokens_are_generated_only_with_the_secret()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var dl = new DirectLineTestClient(app.CreateClient());

        var (status, body) = await dl.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineTestClient.Secret, new { user = new { id = "dl_citizen" } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("conversationId").GetString()));
        Assert.Equal(1800, body.GetProperty("expires_in").GetInt32());
        var token = body.GetProperty("token").GetString()!;
        Assert.NotEqual(DirectLineTestClient.Secret, token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await dl.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await dl.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", "not-the-secret")).Status);
        // A token cannot mint more tokens.
        var withToken = await dl.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", token);
        Assert.Equal(HttpStatusCode.Forbidden, withToken.Status);
    }

    [Fact]
    public async Task Starting_a_conversation_is_201_with_a_ws_stream_url_then_200()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var dl = new DirectLineTestClient(app.CreateClient());
        var (conversationId, token) = await dl.GenerateTokenAsync();

        var (first, started) = await dl.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token, new { user = new { id = "user1" }, locale = "zh-CN" });
        var (again, restarted) = await dl.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(conversationId, started.GetProperty("conversationId").GetString());
        Assert.Equal(token, started.GetProperty("token").GetString());
        Assert.InRange(started.GetProperty("expires_in").GetInt32(), 1790, 1800);
        Assert.StartsWith($"ws://localhost/v3/directline/conversations/{conversationId}/stream?t=", started.GetProperty("streamUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(conversationId, restarted.GetProperty("conversationId").GetString());
    }

    [Fact]
    public async Task The_secret_starts_a_new_conversation_each_time()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var dl = new DirectLineTestClient(app.CreateClient());

        var (s1, one) = await dl.SendAsync(HttpMethod.Post, "/v3/directline/conversations", DirectLineTestClient.Secret);
        var (s2, two) = await dl.SendAsync(HttpMethod.Post, "/v3/directline/conversations", DirectLineTestClient.Secret);

        Assert.Equal(HttpStatusCode.Created, s1);
        Assert.Equal(HttpStatusCode.Created, s2);
        Assert.NotEqual(one.GetProperty("conversationId").GetString(), two.GetProperty("conversationId").GetString());
    }

    [Fact]
    public async Task A_message_is_echoed_with_its_id_and_clientActivityID_then_answered_with_a_citation()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var dl = new DirectLineTestClient(app.CreateClient());
        var (conversationId, token, _) = await dl.StartAsync();

        var (status, posted) = await dl.PostMessageAsync(conversationId, token, DirectLineTestClient.Question, clientActivityId: "client-1");
        Assert.Equal(HttpStatusCode.OK, status);
        var id = posted.GetProperty("id").GetString();
        Assert.Equal($"{conversationId}|0000001", id);

        var (_, set) = await dl.GetActivitiesAsync(conversationId, token);
        var activities = set.GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal(2, activities.Count);
        Assert.Equal("2", set.GetProperty("watermark").GetString());

        var echo = activities[0];
        Assert.Equal(id, echo.GetProperty("id").GetString());
        Assert.Equal("client-1", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal(DirectLineTestClient.Question, echo.GetProperty("text").GetString());
        Assert.Equal("user", echo.GetProperty("from").GetProperty("role").GetString());
        Assert.Equal("directline", echo.GetProperty("channelId").GetString());
        Assert.Equal(conversationId, echo.GetProperty("conversation").GetProperty("id").GetString());

        var reply = activities[1];
        Assert.Equal("message", reply.GetProperty("type").GetString());
        Assert.Equal(id, reply.GetProperty("replyToId").GetString());
        Assert.Equal("bot", reply.GetProperty("from").GetProperty("role").GetString());
        Assert.Equal("user1", reply.GetProperty("recipient").GetProperty("id").GetString());
        var text = reply.GetProperty("text").GetString()!;
        Assert.Contains("区生态环境局", text, StringComparison.Ordinal);
        Assert.Contains("区市场监管局", text, StringComparison.Ordinal);
        Assert.Contains("附件1-15", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watermarks_page_through_the_conversation()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var dl = new DirectLineTestClient(app.CreateClient());
        var (conversationId, token, _) = await dl.StartAsync();

        var (_, empty) = await dl.GetActivitiesAsync(conversationId, token);
        Assert.Empty(empty.GetProperty("activities").EnumerateArray());
        await dl.PostMessageAsync(conversationId, token, DirectLineTestClient.Question);

        var (_, afterEcho) = await dl.GetActivitiesAsync(conversationId, token, "1");
        var (_, afterAll) = await dl.GetActivitiesAsync(conversationId, token, "2");
        var (bad, _) = await dl.GetActivitiesAsync(conversationId, token, "abc");

        Assert.Equal("bot", Assert.Single(afterEcho.GetProperty("activities").EnumerateArray()).GetProperty("from").GetProperty("role").GetString());
        Assert.Empty(afterAll.GetProperty("activities").EnumerateArray());
        Assert.Equal("2", afterAll.GetProperty("watermark").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad);
    }

    [Fact]
    public async Task A_token_opens_only_its_own_conversation()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var dl = new DirectLineTestClient(app.CreateClient());
        var (mine, myToken, _) = await dl.StartAsync();
        var (theirs, theirToken, _) = await dl.StartAsync();
        await dl.PostMessageAsync(theirs, theirToken, DirectLineTestClient.Question);

        var read = await dl.GetActivitiesAsync(theirs, myToken);
        var post = await dl.PostMessageAsync(theirs, myToken, "你好");
        var reconnect = await dl.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{theirs}", myToken);

        Assert.Equal(HttpStatusCode.Forbidden, read.Status);
        Assert.Equal(HttpStatusCode.Forbidden, post.Status);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.Status);
        Assert.Equal("Forbidden", DirectLineTestClient.ErrorCode(read.Body));
        // Nothing was added to their conversation, and the secret still reads it.
        var (_, theirSet) = await dl.GetActivitiesAsync(theirs, DirectLineTestClient.Secret);
        Assert.Equal(2, theirSet.GetProperty("activities").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await dl.GetActivitiesAsync(mine, myToken)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await dl.GetActivitiesAsync("no-such-conversation", DirectLineTestClient.Secret)).Status);
    }

    [Fact]
    public async Task Expired_tokens_get_403_TokenExpired_and_cannot_be_refreshed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        using var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var dl = new DirectLineTestClient(factory.CreateClient());
        var (conversationId, token, _) = await dl.StartAsync();

        clock.Advance(TimeSpan.FromMinutes(20));
        var (refreshed, body) = await dl.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        Assert.Equal(HttpStatusCode.OK, refreshed);
        var fresh = body.GetProperty("token").GetString()!;
        Assert.Equal(conversationId, body.GetProperty("conversationId").GetString());

        clock.Advance(TimeSpan.FromMinutes(11));
        var expiredRead = await dl.GetActivitiesAsync(conversationId, token);
        var expiredRefresh = await dl.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        Assert.Equal(HttpStatusCode.Forbidden, expiredRead.Status);
        Assert.Equal("TokenExpired", DirectLineTestClient.ErrorCode(expiredRead.Body));
        Assert.Equal(HttpStatusCode.Forbidden, expiredRefresh.Status);
        Assert.Equal("TokenExpired", DirectLineTestClient.ErrorCode(expiredRefresh.Body));
        // The refreshed token lives 30 minutes from its refresh.
        Assert.Equal(HttpStatusCode.OK, (await dl.GetActivitiesAsync(conversationId, fresh)).Status);
    }

    [Fact]
    public async Task Forged_and_misused_tokens_are_refused()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var dl = new DirectLineTestClient(app.CreateClient());
        var (conversationId, token, streamUrl) = await dl.StartAsync();
        var (other, _) = await dl.GenerateTokenAsync();
        var parts = token.Split('.');

        // The payload re-pointed at another conversation, the signature left as it was.
        var payload = JsonDocument.Parse(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(parts[1])).RootElement;
        var forgedClaims = payload.EnumerateObject().ToDictionary(p => p.Name, p => p.Name == "conv" ? (object)other : p.Value);
        var forged = $"{parts[0]}.{Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(forgedClaims))}.{parts[2]}";
        var unsigned = $"{Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode("""{"alg":"none","typ":"JWT"}"""u8.ToArray())}.{parts[1]}.";
        var streamToken = Uri.UnescapeDataString(streamUrl[(streamUrl.IndexOf("t=", StringComparison.Ordinal) + 2)..]);

        Assert.Equal(HttpStatusCode.Unauthorized, (await dl.GetActivitiesAsync(other, forged)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await dl.GetActivitiesAsync(conversationId, unsigned)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await dl.GetActivitiesAsync(conversationId, "garbage")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await dl.GetActivitiesAsync(conversationId, null!)).Status);
        // A stream token (it travels in a URL) opens the WebSocket only.
        Assert.Equal(HttpStatusCode.Forbidden, (await dl.GetActivitiesAsync(conversationId, streamToken)).Status);
    }

    [Fact]
    public async Task A_token_that_names_a_user_decides_who_the_sender_is()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var dl = new DirectLineTestClient(app.CreateClient());
        var (conversationId, token, _) = await dl.StartAsync("dl_alice");
        var (anonymous, anonymousToken, _) = await dl.StartAsync();

        await dl.PostMessageAsync(conversationId, token, DirectLineTestClient.Question, from: "mallory");
        var impersonation = await dl.PostMessageAsync(anonymous, anonymousToken, DirectLineTestClient.Question, from: "dl_alice");

        var (_, set) = await dl.GetActivitiesAsync(conversationId, token);
        Assert.Equal("dl_alice", set.GetProperty("activities")[0].GetProperty("from").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, impersonation.Status);
    }

    [Theory]
    [InlineData("""{"from":{"id":"u"},"text":"你好"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":"message","from":{"id":"u"}}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":"message","text":"你好"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":"message","from":{"id":"u"},"text":"你好","attachments":[{"contentType":"image/png","contentUrl":"x"}]}""", HttpStatusCode.BadRequest)]
    [InlineData("""[1,2]""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":"message",""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":"typing","from":{"id":"u"}}""", HttpStatusCode.NoContent)]
    public async Task Malformed_activities_are_rejected_and_typing_is_accepted(string activity, HttpStatusCode expected)
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var dl = new DirectLineTestClient(app.CreateClient());
        var (conversationId, token, _) = await dl.StartAsync();

        var (status, _) = await dl.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, activity);

        Assert.Equal(expected, status);
        var (_, set) = await dl.GetActivitiesAsync(conversationId, token);
        Assert.Empty(set.GetProperty("activities").EnumerateArray());
    }

    [Fact]
    public async Task A_citizen_token_stores_only_messages_and_only_their_text()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var dl = new DirectLineTestClient(app.CreateClient());
        var session = await dl.Http.PostAsJsonAsync("/api/widget/token", new { });
        var widget = JsonDocument.Parse(await session.Content.ReadAsStringAsync()).RootElement;
        var (conversationId, token) = (widget.GetProperty("conversationId").GetString()!, widget.GetProperty("token").GetString()!);
        var path = $"/v3/directline/conversations/{conversationId}/activities";

        var padding = new string('x', 3000);
        var (eventStatus, eventBody) = await dl.SendAsync(HttpMethod.Post, path, token,
            new { type = "event", name = "webchat/join", from = new { id = "u" }, value = padding });
        var (updateStatus, _) = await dl.SendAsync(HttpMethod.Post, path, token,
            new { type = "conversationUpdate", from = new { id = "u" }, membersAdded = new[] { new { id = "u" } } });
        var (messageStatus, _) = await dl.SendAsync(HttpMethod.Post, path, token, new
        {
            type = "message",
            from = new { id = "u", name = "市民" },
            text = DirectLineTestClient.Question,
            locale = "zh-CN",
            textFormat = "plain",
            attachments = Array.Empty<object>(),
            entities = new[] { new { type = "ClientCapabilities", requiresBotState = true, padding } },
            value = new { question = padding },
            channelData = new { clientActivityID = "client-1", padding },
            name = padding,
        });

        Assert.Equal(HttpStatusCode.BadRequest, eventStatus);
        Assert.Equal("BadArgument", DirectLineTestClient.ErrorCode(eventBody));
        Assert.Equal(HttpStatusCode.BadRequest, updateStatus);
        Assert.Equal(HttpStatusCode.OK, messageStatus);
        var (_, set) = await dl.GetActivitiesAsync(conversationId, token);
        var stored = set.GetProperty("activities")[0];
        Assert.Equal(2, set.GetProperty("activities").GetArrayLength());
        Assert.Equal(["channelData", "channelId", "conversation", "from", "id", "locale", "recipient", "text", "textFormat", "timestamp", "type"],
            stored.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("""{"clientActivityID":"client-1"}""", stored.GetProperty("channelData").GetRawText());
        Assert.DoesNotContain(padding, set.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversation_holds_at_most_its_cap_of_activities()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings(("DirectLine:MaxActivitiesPerConversation", "4")));
        var dl = new DirectLineTestClient(app.CreateClient());
        var (conversationId, token, _) = await dl.StartAsync();
        var (other, otherToken, _) = await dl.StartAsync();

        // Each message stores two activities: the user's and the answer.
        Assert.Equal(HttpStatusCode.OK, (await dl.PostMessageAsync(conversationId, token, DirectLineTestClient.Question)).Status);
        Assert.Equal(HttpStatusCode.OK, (await dl.PostMessageAsync(conversationId, token, DirectLineTestClient.Question)).Status);
        var (status, body) = await dl.PostMessageAsync(conversationId, token, DirectLineTestClient.Question);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("ConversationFull", DirectLineTestClient.ErrorCode(body));
        Assert.Contains("4", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var (_, set) = await dl.GetActivitiesAsync(conversationId, token);
        Assert.Equal(4, set.GetProperty("activities").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await dl.PostMessageAsync(other, otherToken, DirectLineTestClient.Question)).Status);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_property_name_is_a_400_on_every_body_not_a_500()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var dl = new DirectLineTestClient(app.CreateClient());
        var (conversationId, token, _) = await dl.StartAsync();
        // A lone surrogate's encoding: the JSON parses, and only reading that name would fail.
        byte[] body = [.. "{\""u8, 0xED, 0xA0, 0x80, .. "\":1,\"type\":\"message\",\"from\":{\"id\":\"u\"},\"text\":\"你好\",\"user\":{\"id\":\"dl_u\"}}"u8];

        var generate = await dl.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineTestClient.Secret, body);
        var start = await dl.SendAsync(HttpMethod.Post, "/v3/directline/conversations", DirectLineTestClient.Secret, body);
        var post = await dl.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, body);

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], new[] { generate.Status, start.Status, post.Status });
        Assert.Equal("BadArgument", DirectLineTestClient.ErrorCode(post.Body));
    }

    [Fact]
    public async Task Over_long_messages_and_oversized_activities_are_refused()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings(("DirectLine:MaxMessageLength", "50"), ("DirectLine:MaxActivityBytes", "2048")));
        var dl = new DirectLineTestClient(app.CreateClient());
        var (conversationId, token, _) = await dl.StartAsync();

        var longMessage = await dl.PostMessageAsync(conversationId, token, new string('油', 51));
        var (bigStatus, big) = await dl.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
            new { type = "event", from = new { id = "u" }, value = new string('x', 3000) });

        Assert.Equal(HttpStatusCode.BadRequest, longMessage.Status);
        Assert.Contains("50", longMessage.Body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bigStatus);
        Assert.Equal("MessageSizeTooBig", DirectLineTestClient.ErrorCode(big));
        Assert.Equal(HttpStatusCode.OK, (await dl.PostMessageAsync(conversationId, token, new string('油', 50))).Status);
    }

    [Fact]
    public async Task A_conversation_that_posts_too_fast_gets_429_with_retry_after()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings(("DirectLine:MessagesPerMinute", "2")));
        var dl = new DirectLineTestClient(app.CreateClient());
        var (conversationId, token, _) = await dl.StartAsync();
        var (other, otherToken, _) = await dl.StartAsync();

        await dl.PostMessageAsync(conversationId, token, DirectLineTestClient.Question);
        await dl.PostMessageAsync(conversationId, token, DirectLineTestClient.Question);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
        {
            Content = new StringContent("""{"type":"message","from":{"id":"u"},"text":"你好"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var third = await dl.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        // Another conversation is not held back.
        Assert.Equal(HttpStatusCode.OK, (await dl.PostMessageAsync(other, otherToken, DirectLineTestClient.Question)).Status);
    }

    [Fact]
    public async Task Reconnecting_hands_out_a_fresh_token_and_a_stream_url_from_the_watermark()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var dl = new DirectLineTestClient(app.CreateClient());
        var (conversationId, token, _) = await dl.StartAsync("dl_bob");

        var (status, body) = await dl.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark=7", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(conversationId, body.GetProperty("conversationId").GetString());
        var fresh = body.GetProperty("token").GetString()!;
        Assert.NotEqual(token, fresh);
        Assert.Contains("/stream?watermark=7&t=", body.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
        await dl.PostMessageAsync(conversationId, fresh, DirectLineTestClient.Question, from: "someone-else");
        var (_, set) = await dl.GetActivitiesAsync(conversationId, fresh);
        Assert.Equal("dl_bob", set.GetProperty("activities")[0].GetProperty("from").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_failing_bot_is_a_502_and_the_question_stays_in_the_conversation()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        using var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<Assistant.Bot.Conversations.IConversationStore, BrokenConversationStore>()));
        var dl = new DirectLineTestClient(factory.CreateClient());
        var (conversationId, token, _) = await dl.StartAsync();

        var (status, body) = await dl.PostMessageAsync(conversationId, token, DirectLineTestClient.Question);

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("BotError", DirectLineTestClient.ErrorCode(body));
        Assert.DoesNotContain("disk on fire", body.ToString(), StringComparison.Ordinal);
        var (_, set) = await dl.GetActivitiesAsync(conversationId, token);
        Assert.Equal("user", Assert.Single(set.GetProperty("activities").EnumerateArray()).GetProperty("from").GetProperty("role").GetString());
    }

    [Fact]
    public async Task Preflight_and_calls_from_an_allowed_origin_get_cors_headers_and_others_do_not()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings(("DirectLine:AllowedOrigins:0", "https://www.example.gov.cn/")));
        using var client = app.CreateClient();

        async Task<HttpResponseMessage> Preflight(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent,x-requested-with");
            return await client.SendAsync(request);
        }

        using var allowed = await Preflight("https://www.example.gov.cn");
        using var other = await Preflight("https://evil.example.com");

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal("https://www.example.gov.cn", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        var allowedHeaders = string.Join(',', allowed.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("authorization", allowedHeaders, StringComparison.Ordinal);
        Assert.Contains("x-ms-bot-agent", allowedHeaders, StringComparison.Ordinal);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));

        using var call = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate");
        call.Headers.Add("Origin", "https://www.example.gov.cn");
        call.Headers.Authorization = new("Bearer", DirectLineTestClient.Secret);
        using var response = await client.SendAsync(call);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://www.example.gov.cn", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    private sealed class BrokenConversationStore : Assistant.Bot.Conversations.IConversationStore
    {
        public Task<Assistant.Index.Answers.ConversationContext?> GetContextAsync(string conversationId, CancellationToken cancellationToken) =>
            throw new IOException("disk on fire");

        public Task SaveContextsAsync(
            IReadOnlyCollection<KeyValuePair<string, Assistant.Index.Answers.ConversationContext>> contexts, CancellationToken cancellationToken) =>
            throw new IOException("disk on fire");

        public Task<int> DeleteIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => throw new IOException("disk on fire");
    }
}
