using System.Net;

namespace Assistant.Bot.Tests.DirectLine;

/// <summary>Conversations, the signing key and the generated secret live in the data folder and outlast the process.</summary>
public sealed class DirectLineRestartTests
{
    [Fact]
    public async Task A_conversation_and_its_token_survive_a_restart()
    {
        var data = Directory.CreateTempSubdirectory("assistant-restart-").FullName;
        var settings = new Dictionary<string, string?> { ["Assistant:DataDirectory"] = data };
        try
        {
            string secret, conversationId, token, answerId;
            await using (var first = new AssistantApplication(settings))
            {
                var dl = new DirectLineTestClient(first.CreateClient());
                // No secret configured: one was generated on start and kept in the data folder.
                secret = File.ReadAllText(Path.Combine(data, "directline-secret.txt")).Trim();
                var (status, body) = await dl.SendAsync(HttpMethod.Post, "/v3/directline/conversations", secret);
                Assert.Equal(HttpStatusCode.Created, status);
                conversationId = body.GetProperty("conversationId").GetString()!;
                token = body.GetProperty("token").GetString()!;
                await dl.PostMessageAsync(conversationId, token, DirectLineTestClient.Question);
                var (_, set) = await dl.GetActivitiesAsync(conversationId, token);
                answerId = set.GetProperty("activities")[1].GetProperty("id").GetString()!;
            }

            await using (var second = new AssistantApplication(settings))
            {
                var dl = new DirectLineTestClient(second.CreateClient());
                var (status, set) = await dl.GetActivitiesAsync(conversationId, token);
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal(answerId, set.GetProperty("activities")[1].GetProperty("id").GetString());
                Assert.Contains("区生态环境局", set.GetProperty("activities")[1].GetProperty("text").GetString(), StringComparison.Ordinal);

                // The numbering continues, and a follow-up still resolves against the answer given before the restart.
                var (_, posted) = await dl.PostMessageAsync(conversationId, token, "那协办单位呢？");
                Assert.Equal($"{conversationId}|0000003", posted.GetProperty("id").GetString());
                var (_, after) = await dl.GetActivitiesAsync(conversationId, token, "3");
                Assert.StartsWith("协办单位：各街道办事处", after.GetProperty("activities")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.OK, (await dl.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", secret)).Status);
                Assert.Equal(secret, File.ReadAllText(Path.Combine(data, "directline-secret.txt")).Trim());
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
