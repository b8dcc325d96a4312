using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Assistant.Bot.Tests.DirectLine;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Assistant.Bot.Tests.Storage;

/// <summary>
/// Two servers on one PostgreSQL database, each with its own data folder, as behind a load balancer without sticky
/// sessions: whichever instance a request reaches, it sees the same conversations and drafts.
/// </summary>
public sealed class SeveralInstancesTests
{
    [Theory, OnPostgres]
    public async Task A_Direct_Line_conversation_moves_freely_between_instances(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        await using var a = new AssistantApplication(Instance(db));
        await using var b = new AssistantApplication(Instance(db));
        var onA = new DirectLineTestClient(a.CreateClient());
        var onB = new DirectLineTestClient(b.CreateClient());
        var (conversationId, token, _) = await onA.StartAsync();

        // B reconnects (the token A issued is good there) and holds the WebSocket; the question goes to A.
        var (status, reconnect) = await onB.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}", token);
        Assert.Equal(HttpStatusCode.OK, status);
        using var socket = await b.Server.CreateWebSocketClient()
            .ConnectAsync(new Uri(reconnect.GetProperty("streamUrl").GetString()!), CancellationToken.None);
        var (_, posted) = await onA.PostMessageAsync(conversationId, token, DirectLineTestClient.Question);

        // Pushed by B within a second or two: A's append notified B (LISTEN/NOTIFY), not B's 15 s keep-alive timer.
        var pushed = await ReceiveActivitiesAsync(socket, count: 2, within: TimeSpan.FromSeconds(5));
        Assert.Equal(posted.GetProperty("id").GetString(), pushed[0].GetProperty("id").GetString());
        Assert.Contains("区生态环境局", pushed[1].GetProperty("text").GetString(), StringComparison.Ordinal);

        // The follow-up goes to B and resolves against the answer A gave; A's polling sees it, numbered on.
        var (_, followUp) = await onB.PostMessageAsync(conversationId, token, "那协办单位呢？");
        var (_, set) = await onA.GetActivitiesAsync(conversationId, token, "2");
        Assert.Equal($"{conversationId}|0000003", followUp.GetProperty("id").GetString());
        Assert.Equal("4", set.GetProperty("watermark").GetString());
        Assert.StartsWith("协办单位：各街道办事处", set.GetProperty("activities")[1].GetProperty("text").GetString(), StringComparison.Ordinal);
        var more = await ReceiveActivitiesAsync(socket, count: 2, within: TimeSpan.FromSeconds(5));
        Assert.Equal(followUp.GetProperty("id").GetString(), more[0].GetProperty("id").GetString());
    }

    [Theory, OnPostgres]
    public async Task An_instance_that_lost_its_database_connection_listens_again_and_catches_up(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        await using var a = new AssistantApplication(Instance(db));
        await using var b = new AssistantApplication(Instance(db, applicationName: $"instance-b-{Guid.NewGuid():n}"));
        var onA = new DirectLineTestClient(a.CreateClient());
        var (conversationId, token, streamUrl) = await new DirectLineTestClient(b.CreateClient()).StartAsync();
        using var socket = await b.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        await WaitForListenerAsync(b);

        // The database drops B's listening session (a restart, a failover); A's message comes while B is not listening.
        await TestDatabase.ExecuteAsync(TestDatabase.PostgresServer!, $"""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE application_name = '{ApplicationName(b)}' AND query LIKE 'LISTEN%'
            """);
        var (_, posted) = await onA.PostMessageAsync(conversationId, token, DirectLineTestClient.Question);

        // Well within the 15 s keep-alive: B listens again and wakes its sockets to read what they missed.
        var pushed = await ReceiveActivitiesAsync(socket, count: 2, within: TimeSpan.FromSeconds(8));
        Assert.Equal(posted.GetProperty("id").GetString(), pushed[0].GetProperty("id").GetString());
    }

    [Theory, OnPostgres]
    public async Task Follow_ups_and_drafts_are_shared_by_every_instance(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        await using var a = new AssistantApplication(Instance(db));
        await using var b = new AssistantApplication(Instance(db));
        using var onA = a.CreateOperatorClient();
        using var onB = b.CreateOperatorClient();

        var asked = await (await onA.PostAsJsonAsync("/api/ask", new { question = "叉车电动化由哪些部门负责" })).Content.ReadFromJsonAsync<JsonElement>();
        var followUp = await (await onB.PostAsJsonAsync("/api/ask", new { question = "那协办单位呢？", conversationId = asked.GetProperty("conversationId").GetString() }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("附件1-10-4", followUp.GetProperty("matches")[0].GetProperty("measureRef").GetString());

        var created = await onA.PostAsJsonAsync("/api/hotline/drafts", new { complaint = "德胜街道有家饭馆油烟扰民" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var saved = await onB.PutAsJsonAsync($"/api/hotline/drafts/{id}", new { draft = "B 上修改的答复", status = "edited", revision = 1 });
        var stale = await onA.PutAsJsonAsync($"/api/hotline/drafts/{id}", new { draft = "A 上基于旧版本的修改", status = "edited", revision = 1 });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var read = await onA.GetFromJsonAsync<JsonElement>($"/api/hotline/drafts/{id}");
        Assert.Equal(("B 上修改的答复", 2), (read.GetProperty("draft").GetString(), read.GetProperty("revision").GetInt32()));
        var list = await onB.GetFromJsonAsync<JsonElement>("/api/hotline/drafts");
        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("id").GetString() == id);

        // The operator page's session, begun on A, is good on B: the keys that seal it are in the database too.
        using var browserOnA = a.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var browserOnB = b.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var login = await browserOnA.PostAsJsonAsync("/operator/login", new { key = AssistantApplication.OperatorKey });
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using var withSession = new HttpRequestMessage(HttpMethod.Get, $"/api/hotline/drafts/{id}");
        withSession.Headers.Add("Cookie", cookie);
        using var anonymous = await browserOnB.GetAsync($"/api/hotline/drafts/{id}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browserOnB.SendAsync(withSession)).StatusCode);
    }

    /// <summary>An instance's settings: the shared database, the same configured secrets; its own (temporary) data folder.</summary>
    private static Dictionary<string, string?> Instance(TestDatabase db, string? applicationName = null) => DirectLineTestClient.Settings(
        ("ConnectionStrings:Postgres", new NpgsqlConnectionStringBuilder(db.PostgresConnectionString) { ApplicationName = applicationName }.ToString()));

    private static string ApplicationName(AssistantApplication app) =>
        new NpgsqlConnectionStringBuilder(app.Services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres")).ApplicationName!;

    /// <summary>Until the instance's relay has said LISTEN (it starts in the background).</summary>
    private static async Task WaitForListenerAsync(AssistantApplication app)
    {
        var name = ApplicationName(app);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        await using var connection = new NpgsqlConnection(TestDatabase.PostgresServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = @name AND query LIKE 'LISTEN%'", connection);
        command.Parameters.AddWithValue("name", name);
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The instance never listened.");
            await Task.Delay(50);
        }
    }

    private static async Task<List<JsonElement>> ReceiveActivitiesAsync(WebSocket socket, int count, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var activities = new List<JsonElement>();
        var buffer = new byte[16384];
        while (activities.Count < count)
        {
            using var frame = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
                frame.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (frame.Length > 0)
            {
                activities.AddRange(JsonDocument.Parse(Encoding.UTF8.GetString(frame.ToArray())).RootElement.GetProperty("activities").EnumerateArray()
                    .Select(a => a.Clone()));
            }
        }

        return activities;
    }
}
