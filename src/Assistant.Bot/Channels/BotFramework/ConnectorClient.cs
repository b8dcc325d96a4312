using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Assistant.Bot.Channels.BotFramework;

/// <summary>Posts the bot's activities to the channel's Bot Connector at the inbound activity's serviceUrl.</summary>
internal sealed class ConnectorClient(IHttpClientFactory httpClients, BotTokenProvider tokens, ILogger<ConnectorClient> logger)
{
    /// <summary>
    /// Replies to <paramref name="inbound"/>: <c>POST {serviceUrl}/v3/conversations/{id}/activities/{inbound.id}</c>,
    /// or to the conversation when the inbound activity has no id. Returns whether the connector accepted it.
    /// </summary>
    public async Task<bool> ReplyAsync(Activity inbound, Activity reply, CancellationToken cancellationToken)
    {
        var url = ActivitiesUrl(inbound.ServiceUrl!, inbound.Conversation!.Id!, inbound.Id);
        // Buffered, so the request has a Content-Length: a streamed (chunked) body is not read by every connector.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(reply, ActivityJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (await tokens.GetTokenAsync(cancellationToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await httpClients.CreateClient(BotFrameworkServiceExtensions.ConnectorClient).SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            tokens.Invalidate();
        }

        logger.LogWarning("The connector refused a {Type} activity with {Status}", reply.Type, (int)response.StatusCode);
        return false;
    }

    /// <summary>
    /// <c>{serviceUrl}/v3/conversations/{conversationId}/activities[/{activityId}]</c>, joined with exactly one '/'
    /// whatever path serviceUrl carries (<c>https://smba.trafficmanager.net/amer/</c>), ids escaped (Teams ids hold
    /// ':', ';' and '@').
    /// </summary>
    public static Uri ActivitiesUrl(string serviceUrl, string conversationId, string? activityId)
    {
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (!string.IsNullOrEmpty(activityId))
        {
            path += "/" + Uri.EscapeDataString(activityId);
        }

        return new Uri(serviceUrl.TrimEnd('/') + "/" + path);
    }
}
