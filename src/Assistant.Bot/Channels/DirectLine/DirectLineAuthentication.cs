using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Channels.DirectLine;

/// <summary>Who is calling: a site's server holding the secret (any conversation), or a browser holding one conversation's token.</summary>
internal sealed record DirectLineCaller(bool IsSecret, DirectLineToken? Token)
{
    public bool MayOpen(string conversationId) =>
        IsSecret || string.Equals(Token!.ConversationId, conversationId, StringComparison.Ordinal);
}

/// <summary>
/// Reads <c>Authorization: Bearer &lt;secret or token&gt;</c>. 401 when there is no credential or it is not ours;
/// 403 when it is ours but not good for this call (expired, a stream token, another conversation's token).
/// </summary>
internal sealed class DirectLineAuthentication(DirectLineKeys keys, DirectLineTokens tokens)
{
    private const int MaxCredentialLength = 4096;

    public (DirectLineCaller? Caller, JsonHttpResult<DirectLineError>? Error) Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > MaxCredentialLength)
        {
            return (null, DirectLineErrors.Unauthorized("Authorization: Bearer <secret or token> is required."));
        }

        var credential = header["Bearer ".Length..].Trim();
        if (keys.IsSecret(credential))
        {
            return (new DirectLineCaller(IsSecret: true, Token: null), null);
        }

        return tokens.Verify(credential, out var token) switch
        {
            TokenCheck.Expired => (null, DirectLineErrors.TokenExpired()),
            TokenCheck.Valid when token!.Use != TokenUse.Conversation =>
                (null, DirectLineErrors.Forbidden("A stream token only opens the conversation's WebSocket.")),
            TokenCheck.Valid => (new DirectLineCaller(IsSecret: false, token), null),
            _ => (null, DirectLineErrors.Unauthorized("The secret or token is not valid.")),
        };
    }

    /// <summary>Authenticates a call on one conversation: the secret, or that conversation's own token.</summary>
    public (DirectLineCaller? Caller, JsonHttpResult<DirectLineError>? Error) Authenticate(HttpRequest request, string conversationId)
    {
        var (caller, error) = Authenticate(request);
        if (caller is not null && !caller.MayOpen(conversationId))
        {
            return (null, DirectLineErrors.Forbidden("The token is for another conversation."));
        }

        return (caller, error);
    }
}
