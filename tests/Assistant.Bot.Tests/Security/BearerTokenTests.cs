using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.BotFramework;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Assistant.Bot.Tests.Security;

/// <summary>OIDC bearer tokens (Assistant:Auth:Authority): roles from the token's claims by the role lists, everything else refused.</summary>
public sealed class BearerTokenTests
{
    private const string Audience = "api://xicheng-assistant";
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string StaffGroup = "5a6b7c8d-0000-4000-8000-00000000abcd";
    private const string AdminObjectId = "9f8e7d6c-1111-4222-8333-444455556666";

    private static async Task<(IdentityProvider Provider, AssistantApplication App)> StartAsync(params (string Key, string Value)[] extra)
    {
        var provider = await IdentityProvider.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Assistant:Auth:Authority"] = provider.BaseUrl,
            ["Assistant:Auth:Audience"] = Audience,
            ["Assistant:Auth:Operators:0"] = "Hotline.Operator",
            ["Assistant:Auth:Staff:0"] = StaffGroup,
            ["Assistant:Auth:Admins:0"] = AdminObjectId,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return (provider, new AssistantApplication(settings));
    }

    private static async Task<(HttpStatusCode Drafts, HttpStatusCode Stats)> CallAsync(AssistantApplication app, string token)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var drafts = await client.GetAsync("/api/hotline/drafts");
        var stats = await client.GetAsync("/api/hotline/stats?month=2024-06");
        return (drafts.StatusCode, stats.StatusCode);
    }

    [Fact]
    public async Task Roles_come_from_app_roles_groups_object_ids_or_a_roles_own_name()
    {
        var (provider, app) = await StartAsync();
        await using var _ = provider;
        await using var __ = app;

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await CallAsync(app, provider.Token(roles: ["Hotline.Operator"])));
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), await CallAsync(app, provider.Token(groups: [StaffGroup])));
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), await CallAsync(app, provider.Token(roles: ["staff"])));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await CallAsync(app, provider.Token(objectId: AdminObjectId)));
        // A valid token that names no role: a citizen, who may ask but not see the hotline.
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), await CallAsync(app, provider.Token(roles: ["Reader"])));
    }

    [Fact]
    public async Task Wrong_audience_expired_foreign_signed_or_foreign_tenant_tokens_are_refused()
    {
        var (provider, app) = await StartAsync(("Assistant:Auth:TenantIds:0", Tenant));
        await using var _ = provider;
        await using var __ = app;
        using var stranger = RSA.Create(2048);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await CallAsync(app, provider.Token(roles: ["operator"], tenant: Tenant)));
        foreach (var token in new[]
        {
            provider.Token(roles: ["operator"], tenant: Tenant, audience: "api://someone-else"),
            provider.Token(roles: ["operator"], tenant: Tenant, expires: DateTime.UtcNow.AddMinutes(-10)),
            provider.Token(roles: ["operator"], tenant: Tenant, signWith: stranger),
            provider.Token(roles: ["operator"], tenant: "11111111-2222-3333-4444-555555555555"),
            "not.a.token",
        })
        {
            Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), await CallAsync(app, token));
        }
    }

    [Fact]
    public async Task A_token_holding_a_role_gets_its_own_rate_partition()
    {
        var (provider, app) = await StartAsync(("Assistant:Limits:PerIpPerMinute", "2"));
        await using var _ = provider;
        await using var __ = app;
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", provider.Token(roles: ["staff"]));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/ask", new { question = "园林局负责哪些工作" })).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    /// <summary>An OpenID Connect provider on loopback: discovery document, JWKS, and a signer for access tokens.</summary>
    private sealed class IdentityProvider : LoopbackServer
    {
        private readonly RSA _key = RSA.Create(2048);

        public static async Task<IdentityProvider> StartAsync()
        {
            var provider = new IdentityProvider();
            await provider.ListenAsync();
            return provider;
        }

        public string Token(
            string[]? roles = null, string[]? groups = null, string? objectId = null, string? tenant = null,
            string audience = Audience, DateTime? expires = null, RSA? signWith = null)
        {
            var claims = new List<Claim> { new("sub", "user-" + Guid.NewGuid().ToString("n")) };
            claims.AddRange((roles ?? []).Select(r => new Claim("roles", r)));
            claims.AddRange((groups ?? []).Select(g => new Claim("groups", g)));
            if (objectId is not null)
            {
                claims.Add(new Claim("oid", objectId));
            }

            if (tenant is not null)
            {
                claims.Add(new Claim("tid", tenant));
            }

            var until = expires ?? DateTime.UtcNow.AddHours(1);
            return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = BaseUrl,
                Audience = audience,
                IssuedAt = until.AddHours(-2),
                NotBefore = until.AddHours(-2),
                Expires = until,
                Subject = new ClaimsIdentity(claims),
                SigningCredentials = new SigningCredentials(new RsaSecurityKey(signWith ?? _key) { KeyId = "idp-key" }, SecurityAlgorithms.RsaSha256),
            });
        }

        protected override void Map(IEndpointRouteBuilder routes)
        {
            routes.MapGet("/.well-known/openid-configuration", () => Results.Json(new JsonObject
            {
                ["issuer"] = BaseUrl,
                ["jwks_uri"] = BaseUrl + "/keys",
                ["authorization_endpoint"] = BaseUrl + "/authorize",
                ["token_endpoint"] = BaseUrl + "/token",
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            }));
            routes.MapGet("/keys", () =>
            {
                var parameters = _key.ExportParameters(includePrivateParameters: false);
                return Results.Json(new JsonObject
                {
                    ["keys"] = new JsonArray(new JsonObject
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["kid"] = "idp-key",
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    }),
                });
            });
        }
    }
}
