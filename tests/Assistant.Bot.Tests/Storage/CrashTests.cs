using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assistant.Bot.Tests.BotFramework;
using Assistant.Bot.Tests.DirectLine;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.Storage;

/// <summary>
/// The real server as a child process, killed with SIGKILL while several clients write drafts, edits and Direct Line
/// messages: after a restart every write it acknowledged is there and intact, and conversations carry on.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Writers = 3;

    [Theory, OnSqlite, OnPostgres]
    public async Task Kill_9_during_writes_loses_nothing_that_was_acknowledged_and_conversations_resume(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        string[] args =
        [
            $"--Assistant:OperatorApiKey={AssistantApplication.OperatorKey}",
            $"--DirectLine:Secret={DirectLineTestClient.Secret}",
            // The clients all come from 127.0.0.1: lift the public per-IP and per-conversation rates for the hammering.
            "--Assistant:Limits:PerIpPerMinute=10000",
            "--DirectLine:MessagesPerMinute=10000",
            .. db.PostgresConnectionString is { } postgres ? [$"--ConnectionStrings:Postgres={postgres}"] : Array.Empty<string>(),
        ];
        var drafts = new ConcurrentBag<AcknowledgedDraft>();
        var edits = new ConcurrentBag<AcknowledgedDraft>();
        var messages = new ConcurrentBag<AcknowledgedMessage>();
        (string Id, string Token) talk;
        string askConversation;

        await using (var server = await ServerProcess.StartAsync(db.DataDirectory, args))
        {
            using var client = Client(server);
            var dl = new DirectLineTestClient(client);
            // A question in each channel before the crash, followed up after it.
            var asked = await (await client.PostAsJsonAsync("/api/ask", new { question = "叉车电动化由哪些部门负责" })).Content.ReadFromJsonAsync<JsonElement>();
            askConversation = asked.GetProperty("conversationId").GetString()!;
            var started = await dl.StartAsync();
            talk = (started.ConversationId, started.Token);
            Assert.Equal(HttpStatusCode.OK, (await dl.PostMessageAsync(talk.Id, talk.Token, DirectLineTestClient.Question)).Status);
            var conversations = new List<(string Id, string Token)>();
            for (var w = 0; w < Writers; w++)
            {
                var (id, token, _) = await dl.StartAsync();
                conversations.Add((id, token));
            }

            var writing = Enumerable.Range(0, Writers)
                .SelectMany(w => new[] { WriteDraftsAsync(client, w, drafts, edits), TalkAsync(dl, conversations[w], w, messages) })
                .ToArray();
            // Kill it mid-stream: once every kind of write has been acknowledged several times, while all writers are busy.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((drafts.Count < 12 || edits.Count < 6 || messages.Count < 12) && DateTime.UtcNow < deadline && !writing.Any(t => t.IsCompleted))
            {
                await Task.Delay(20);
            }

            Assert.False(writing.Any(t => t.IsCompleted), server.Output);
            server.Crash();
            await Task.WhenAll(writing);
        }

        var acknowledged = $"{drafts.Count} drafts, {edits.Count} edits, {messages.Count} Direct Line messages";
        output.WriteLine($"Acknowledged before the kill: {acknowledged}");
        Assert.True(drafts.Count >= 12 && edits.Count >= 6 && messages.Count >= 12, acknowledged);

        await using (var restarted = await ServerProcess.StartAsync(db.DataDirectory, args))
        {
            using var client = Client(restarted);
            var dl = new DirectLineTestClient(client);
            foreach (var draft in drafts)
            {
                var read = await client.GetFromJsonAsync<JsonElement>($"/api/hotline/drafts/{draft.Id}");
                Assert.Equal(draft.Complaint, read.GetProperty("complaint").GetString());
                Assert.Equal(draft.Text, read.GetProperty("revisions")[0].GetProperty("draft").GetString());
            }

            foreach (var edit in edits)
            {
                var read = await client.GetFromJsonAsync<JsonElement>($"/api/hotline/drafts/{edit.Id}");
                Assert.Equal((edit.Text, "edited", 2), (read.GetProperty("draft").GetString(), read.GetProperty("status").GetString(), read.GetProperty("revision").GetInt32()));
            }

            foreach (var conversation in messages.GroupBy(m => (m.ConversationId, m.Token)))
            {
                var (status, set) = await dl.GetActivitiesAsync(conversation.Key.ConversationId, conversation.Key.Token);
                Assert.Equal(HttpStatusCode.OK, status);
                var stored = set.GetProperty("activities").EnumerateArray().ToList();
                foreach (var message in conversation)
                {
                    // The message as sent, and the answer to it: the server acknowledges only after storing both.
                    Assert.Contains(stored, a => a.GetProperty("id").GetString() == message.Id && a.GetProperty("text").GetString() == message.Text);
                    Assert.Contains(stored, a => a.TryGetProperty("replyToId", out var to) && to.GetString() == message.Id
                        && a.GetProperty("text").GetString()!.Contains("区生态环境局", StringComparison.Ordinal));
                }

                // Numbering carries on after the last stored activity: no id is handed out twice.
                var (_, next) = await dl.PostMessageAsync(conversation.Key.ConversationId, conversation.Key.Token, "重启后再问一次");
                Assert.DoesNotContain(stored, a => a.GetProperty("id").GetString() == next.GetProperty("id").GetString());
            }

            // Both conversations resume: the follow-ups resolve against answers given before the crash. (On SQLite that
            // context was written behind, within milliseconds — long before the kill, which waits for a dozen drafts.)
            var followUp = await (await client.PostAsJsonAsync("/api/ask", new { question = "那协办单位呢？", conversationId = askConversation }))
                .Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("附件1-10-4", followUp.GetProperty("matches")[0].GetProperty("measureRef").GetString());
            var (_, posted) = await dl.PostMessageAsync(talk.Id, talk.Token, "那协办单位呢？");
            var (_, after) = await dl.GetActivitiesAsync(talk.Id, talk.Token, "2");
            Assert.Equal($"{talk.Id}|0000003", posted.GetProperty("id").GetString());
            Assert.StartsWith("协办单位：各街道办事处", after.GetProperty("activities")[1].GetProperty("text").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Kill_9_before_acknowledged_Teams_messages_are_answered_loses_none_of_them(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        await using var connector = await FakeConnector.StartAsync("/amer/");
        string[] args =
        [
            // A dead instance's claim runs out after a second (PostgreSQL; on SQLite the next start takes over at once).
            "--BotFramework:InboxLeaseSeconds=1",
            .. db.PostgresConnectionString is { } postgres ? [$"--ConnectionStrings:Postgres={postgres}"] : Array.Empty<string>(),
        ];
        var sent = Enumerable.Range(0, 6).Select(i => (Id: $"crash-{i}", Conversation: $"a:crash-conversation-{i % 2}")).ToList();

        // The connector holds every post, so the server is still answering the first messages when it is killed.
        connector.Hold();
        await using (var server = await ServerProcess.StartAsync(db.DataDirectory, args))
        {
            using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(20) };
            foreach (var (id, conversation) in sent)
            {
                var payload = TeamsPayloads.PersonalMessage
                    .Replace("1714968600000", id, StringComparison.Ordinal)
                    .Replace("a:1Bc2De3Fg4Hi5Jk6Lm7No8Pq9Rs0Tu-Vw_Xy", conversation, StringComparison.Ordinal)
                    .Replace("{serviceUrl}", connector.ServiceUrl, StringComparison.Ordinal);
                using var response = await client.PostAsync("/api/messages", new StringContent(payload, System.Text.Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            server.Crash();
        }

        connector.Release();
        await using (var restarted = await ServerProcess.StartAsync(db.DataDirectory, args))
        {
            // Every acknowledged message is answered by the next instance, once, in order within its conversation.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            IReadOnlyList<PostedActivity> answers;
            while ((answers = connector.Posted.Where(p => p.Type == "message").ToList()).Count < sent.Count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            await Task.Delay(200);
            answers = connector.Posted.Where(p => p.Type == "message").ToList();
            Assert.Equal(sent.Select(s => s.Id).Order(StringComparer.Ordinal), answers.Select(a => a.Body.GetProperty("replyToId").GetString()!).Order(StringComparer.Ordinal));
            foreach (var conversation in sent.GroupBy(s => s.Conversation))
            {
                var replies = answers.Where(a => a.Body.GetProperty("conversation").GetProperty("id").GetString() == conversation.Key);
                Assert.Equal(conversation.Select(s => s.Id), replies.Select(a => a.Body.GetProperty("replyToId").GetString()));
            }

            Assert.Contains("区生态环境局、区市场监管局", string.Join("|", answers[0].CardTexts), StringComparison.Ordinal);
        }
    }

    /// <summary>Posts complaints and edits each new draft until the server goes away; records what it acknowledged.</summary>
    private static async Task WriteDraftsAsync(HttpClient client, int writer, ConcurrentBag<AcknowledgedDraft> drafts, ConcurrentBag<AcknowledgedDraft> edits)
    {
        await Task.Yield();
        try
        {
            for (var i = 0; ; i++)
            {
                var complaint = $"德胜街道新街口外大街有家饭馆油烟扰民，第{writer}-{i}次来电";
                var created = await client.PostAsJsonAsync("/api/hotline/drafts", new { complaint });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                var body = await created.Content.ReadFromJsonAsync<JsonElement>();
                var id = body.GetProperty("id").GetString()!;
                drafts.Add(new AcknowledgedDraft(id, complaint, body.GetProperty("draft").GetString()!));

                var text = $"操作员{writer}修改的答复{i}";
                var saved = await client.PutAsJsonAsync($"/api/hotline/drafts/{id}", new { draft = text, status = "edited", revision = 1 });
                Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
                edits.Add(new AcknowledgedDraft(id, complaint, text));
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
        {
            // The server died; what was acknowledged is recorded.
        }
    }

    /// <summary>Sends messages in one Direct Line conversation until the server goes away; records the acknowledged ids.</summary>
    private static async Task TalkAsync(DirectLineTestClient dl, (string Id, string Token) conversation, int writer, ConcurrentBag<AcknowledgedMessage> messages)
    {
        await Task.Yield();
        try
        {
            for (var i = 0; ; i++)
            {
                var text = $"餐饮油烟归哪个部门管（{writer}-{i}）";
                var (status, body) = await dl.PostMessageAsync(conversation.Id, conversation.Token, text);
                Assert.Equal(HttpStatusCode.OK, status);
                messages.Add(new AcknowledgedMessage(conversation.Id, conversation.Token, body.GetProperty("id").GetString()!, text));
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
        {
        }
    }

    private static HttpClient Client(ServerProcess server)
    {
        var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Add("X-Api-Key", AssistantApplication.OperatorKey);
        return client;
    }

    private sealed record AcknowledgedDraft(string Id, string Complaint, string Text);

    private sealed record AcknowledgedMessage(string ConversationId, string Token, string Id, string Text);
}
