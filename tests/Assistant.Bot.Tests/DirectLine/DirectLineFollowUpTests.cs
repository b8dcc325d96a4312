using System.Net;

namespace Assistant.Bot.Tests.DirectLine;

/// <summary>Direct Line talks to the same conversation service as /api/ask: a follow-up changes one slot of the frame.</summary>
public sealed class DirectLineFollowUpTests
{
    [Fact]
    public async Task Another_street_after_a_street_figure_keeps_the_figure()
    {
        await using var app = new AssistantApplication();
        var dl = new DirectLineTestClient(app.CreateClient());
        var secret = File.ReadAllText(Path.Combine(app.DataDirectory, "directline-secret.txt")).Trim();
        var (status, body) = await dl.SendAsync(HttpMethod.Post, "/v3/directline/conversations", secret);
        Assert.Equal(HttpStatusCode.Created, status);
        var conversationId = body.GetProperty("conversationId").GetString()!;
        var token = body.GetProperty("token").GetString()!;

        await dl.PostMessageAsync(conversationId, token, "德胜街道一季度PM2.5目标是多少");
        await dl.PostMessageAsync(conversationId, token, "那换成牛街呢");
        var (_, set) = await dl.GetActivitiesAsync(conversationId, token);

        var reply = set.GetProperty("activities")[3].GetProperty("text").GetString();
        // 牛街街道's first-quarter PM2.5 target is 49 in the street table.
        Assert.StartsWith("牛街街道2024年一季度目标：PM2.5浓度 49", reply, StringComparison.Ordinal);
    }
}
