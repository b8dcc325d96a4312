using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Assistant.Bot.Security;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels.BotFramework;

/// <summary>
/// The role a Teams user holds, by the Assistant:Auth role lists: only users of a tenant in Assistant:Auth:TenantIds
/// hold one, by their Entra object id (<c>from.aadObjectId</c>, which the Bot Connector's signed activity vouches for) or
/// by membership of a listed group. Everyone else is a citizen — and so is everyone when there is no app id (local
/// development): then nothing vouches for the activity, and a claimed object id proves nothing.
/// </summary>
internal sealed class TeamsRoles(RoleMap roles, EntraGroups groups, IOptions<BotFrameworkOptions> options)
{
    public async Task<string> RoleOfAsync(Activity activity, CancellationToken cancellationToken)
    {
        var objectId = activity.From?.AadObjectId?.Trim();
        if (!options.Value.IsAuthenticated || string.IsNullOrEmpty(objectId) || !roles.TrustsTenant(IncomingMessage.TenantId(activity)))
        {
            return Roles.Citizen;
        }

        var role = roles.RoleOf([objectId]);
        var groupIds = roles.ListedPrincipals
            .Where(p => Guid.TryParse(p, out _) && !string.Equals(p, objectId, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (role == Roles.Admin || groupIds.Count == 0)
        {
            return role;
        }

        return Roles.Higher(role, roles.RoleOf(await groups.MemberOfAsync(objectId, groupIds, cancellationToken)));
    }
}

/// <summary>
/// Which of some groups an Entra user belongs to (transitively), from Microsoft Graph's checkMemberGroups with the bot's
/// app credentials (application permission GroupMember.Read.All). Answers are remembered for Assistant:Auth:GroupCacheMinutes;
/// when Graph cannot be asked, the user is in no group (a role is never granted on a failure).
/// </summary>
internal sealed class EntraGroups(
    IHttpClientFactory httpClients, BotTokenProvider tokens, IOptions<AuthOptions> options, TimeProvider clock, ILogger<EntraGroups> logger)
{
    /// <summary>checkMemberGroups takes at most 20 ids a call.</summary>
    private const int IdsPerCall = 20;

    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, IReadOnlyList<string> Groups)> _remembered = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<string>> MemberOfAsync(string objectId, IReadOnlyList<string> groupIds, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_remembered.TryGetValue(objectId, out var remembered) && now < remembered.Until)
        {
            return remembered.Groups;
        }

        var graph = options.Value.GraphUrl.TrimEnd('/');
        var token = await tokens.GetTokenAsync($"{graph}/.default", cancellationToken);
        if (token is null)
        {
            // No app credentials (local development): nobody can be looked up.
            return [];
        }

        var memberOf = new List<string>();
        var client = httpClients.CreateClient(BotFrameworkServiceExtensions.GraphClient);
        foreach (var chunk in groupIds.Chunk(IdsPerCall))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{graph}/v1.0/users/{Uri.EscapeDataString(objectId)}/checkMemberGroups")
            {
                Content = JsonContent.Create(new CheckMemberGroups(chunk)),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            try
            {
                using var response = await client.SendAsync(request, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    logger.LogWarning("Microsoft Graph answered {Status} to checkMemberGroups; the Teams user holds no group role", (int)response.StatusCode);
                    return [];
                }

                memberOf.AddRange((await response.Content.ReadFromJsonAsync<GroupIds>(cancellationToken))?.Value ?? []);
            }
            catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Microsoft Graph could not be asked for group membership; the Teams user holds no group role");
                return [];
            }
        }

        if (_remembered.Count >= MaxRemembered)
        {
            _remembered.Clear();
        }

        _remembered[objectId] = (now.AddMinutes(options.Value.GroupCacheMinutes), memberOf);
        return memberOf;
    }

    private sealed record CheckMemberGroups([property: JsonPropertyName("groupIds")] IReadOnlyList<string> GroupIds);

    private sealed record GroupIds([property: JsonPropertyName("value")] IReadOnlyList<string>? Value);
}
