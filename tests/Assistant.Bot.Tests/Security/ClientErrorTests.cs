using System.Net;
using System.Text;
using Assistant.Bot.Tests.BotFramework;
using Assistant.Bot.Tests.DirectLine;

namespace Assistant.Bot.Tests.Security;

/// <summary>Inputs that once gave 500: each is the client's error, so it is a 4xx.</summary>
public sealed class ClientErrorTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_duplicated_json_key_is_400_on_every_json_endpoint()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        using var client = app.CreateClient();
        var dl = new DirectLineTestClient(client);
        var (conversationId, token, _) = await dl.StartAsync();

        var (status, _) = await dl.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
            """{"type":"message","type":"event","text":"餐饮油烟归哪个部门管","from":{"id":"u1"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/messages", Json(
            $$$"""{"type":"message","type":"invoke","text":"x","channelId":"msteams","serviceUrl":"{{{connector.ServiceUrl}}}","conversation":{"id":"a:1"}}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/ask", Json("""{"question":"餐饮油烟归哪个部门管","question":"x"}"""))).StatusCode);
        using var operatorClient = app.CreateOperatorClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await operatorClient.PostAsync("/api/hotline/drafts", Json("""{"complaint":"油烟大","complaint":"噪音"}"""))).StatusCode);
    }

    [Theory]
    [InlineData("9999-12")]
    [InlineData("0001-01")]
    [InlineData("1999-12")]
    public async Task A_month_outside_2000_to_2100_is_400(string month)
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateOperatorClient();

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/hotline/stats?month={month}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/hotline/stats?month=2100-12")).StatusCode);
    }

    [Theory]
    [InlineData("/api/messages")]
    [InlineData("/api/ask")]
    [InlineData("/operator/login")]
    [InlineData("/v3/directline/conversations")]
    public async Task A_chunked_body_over_the_servers_limit_is_413(string path)
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var server = app.StartOnLoopback();
        using var client = new HttpClient { BaseAddress = server };

        // No Content-Length, so Kestrel finds out only while the handler reads.
        var body = Encoding.UTF8.GetBytes("{\"text\":\"" + new string('x', 300 * 1024) + "\"}");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StreamContent(new MemoryStream(body)) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new("Bearer", DirectLineTestClient.Secret);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
