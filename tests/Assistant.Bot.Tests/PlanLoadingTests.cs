using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assistant.Bot.Hosting;
using Assistant.Index.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests;

/// <summary>
/// The server listens while the plan loads on another core: /healthz answers at once, /readyz says 503 until the plan is
/// loaded, and a question asked meanwhile waits for it rather than meeting a half-loaded plan or an error.
/// </summary>
public sealed class PlanLoadingTests
{
    /// <summary>Holds the plan's first load at its first step (reading the approved split corrections) until released.</summary>
    private sealed class HeldSplits(Task release) : IApprovedSplits
    {
        public async Task<IReadOnlyList<SplitCorrection>> ApprovedAsync(CancellationToken cancellationToken)
        {
            await release.WaitAsync(cancellationToken);
            return [];
        }
    }

    [Fact]
    public async Task The_server_listens_while_the_plan_loads_and_a_question_waits_for_the_plan()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = new AssistantApplication(services: s => s.AddSingleton<IApprovedSplits>(new HeldSplits(release.Task)));
        try
        {
            // Starting the host must not wait for the plan (it would wait forever here).
            using var client = await Task.Run(app.CreateClient).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            var loading = await client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, loading.StatusCode);
            Assert.Equal("application/problem+json", loading.Content.Headers.ContentType?.MediaType);

            var asking = client.PostAsJsonAsync("/api/ask", new { question = "餐饮油烟归哪个部门管" });
            await Task.Delay(300);
            Assert.False(asking.IsCompleted, "a question was answered before the plan had loaded");

            release.SetResult();
            var answered = await asking.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            var body = await answered.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("区生态环境局", body.GetProperty("answer").GetString(), StringComparison.Ordinal);
            var ready = await client.GetFromJsonAsync<JsonElement>("/readyz");
            Assert.Equal("ready", ready.GetProperty("status").GetString());
        }
        finally
        {
            release.TrySetResult();
        }
    }

    /// <summary>Polls /readyz until the plan has loaded (as a load balancer does): 503 problems until then.</summary>
    internal static async Task UntilReadyAsync(HttpClient client)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync("/readyz");
            if (response.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > until)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            await Task.Delay(50);
        }
    }
}
