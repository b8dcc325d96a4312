using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assistant.Bot.Security;
using Assistant.Bot.Tests.DirectLine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Security;

/// <summary>Who reaches what: citizens only the Q&amp;A, staff the month's figures, operators complaints and drafts.</summary>
public sealed class AccessTests
{
    private const string StaffKey = "test-staff-key-0e8a41f3b9";
    private const string AdminKey = "test-admin-key-77c0d2e5a1";
    private const string Complaint = "德胜街道新康社区楼下烧烤店每天晚上油烟特别大";

    private static AssistantApplication WithAllKeys() => new(new Dictionary<string, string?>
    {
        ["Assistant:StaffApiKey"] = StaffKey,
        ["Assistant:AdminApiKey"] = AdminKey,
    });

    /// <summary>Every hotline endpoint, with a body where it takes one.</summary>
    private static IEnumerable<(HttpMethod Method, string Path, object? Body)> HotlineCalls(string draftId) =>
    [
        (HttpMethod.Post, "/api/hotline/drafts", new { complaint = Complaint }),
        (HttpMethod.Get, $"/api/hotline/drafts/{draftId}", null),
        (HttpMethod.Put, $"/api/hotline/drafts/{draftId}", new { draft = "改过的答复", status = "edited" }),
        (HttpMethod.Get, "/api/hotline/drafts", null),
        (HttpMethod.Get, "/api/hotline/stats?month=2024-06", null),
    ];

    private static async Task<HttpStatusCode> CallAsync(HttpClient client, (HttpMethod Method, string Path, object? Body) call)
    {
        using var request = new HttpRequestMessage(call.Method, call.Path) { Content = call.Body is null ? null : JsonContent.Create(call.Body) };
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<string> CreateDraftAsync(AssistantApplication app)
    {
        using var client = app.CreateOperatorClient();
        var response = await client.PostAsJsonAsync("/api/hotline/drafts", new { complaint = Complaint });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Anonymous_callers_and_wrong_keys_reach_no_hotline_endpoint()
    {
        await using var app = WithAllKeys();
        var id = await CreateDraftAsync(app);
        using var anonymous = app.CreateClient();
        using var wrongKey = app.CreateClientWithKey("not-a-key-of-this-server");

        foreach (var call in HotlineCalls(id))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(anonymous, call));
            Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(wrongKey, call));
        }

        // Nothing was written by the refused calls.
        using var operatorClient = app.CreateOperatorClient();
        Assert.Equal(1, (await operatorClient.GetFromJsonAsync<JsonElement>("/api/hotline/drafts")).GetArrayLength());
    }

    [Fact]
    public async Task Staff_see_the_months_figures_but_never_a_complaint_or_draft()
    {
        await using var app = WithAllKeys();
        var id = await CreateDraftAsync(app);
        using var staff = app.CreateClientWithKey(StaffKey);

        var statuses = new List<HttpStatusCode>();
        foreach (var call in HotlineCalls(id))
        {
            statuses.Add(await CallAsync(staff, call));
        }

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK], statuses);
        var stats = await staff.GetStringAsync($"/api/hotline/stats?month={DateTime.UtcNow.AddHours(8):yyyy-MM}");
        Assert.Contains("\"total\":1", stats, StringComparison.Ordinal);
        Assert.DoesNotContain("烧烤", stats, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operators_and_admins_reach_every_hotline_endpoint()
    {
        await using var app = WithAllKeys();
        var id = await CreateDraftAsync(app);

        foreach (var key in new[] { AssistantApplication.OperatorKey, AdminKey })
        {
            using var client = app.CreateClientWithKey(key);
            var statuses = new List<HttpStatusCode>();
            foreach (var call in HotlineCalls(id))
            {
                statuses.Add(await CallAsync(client, call));
            }

            Assert.DoesNotContain(statuses, s => s is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Citizen_questions_need_no_credentials()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/ask", new { question = "餐饮油烟归哪个部门管" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks/附件1-15")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/units/园林局/duties")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/search?q=油烟")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/widget/token", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    /// <summary>
    /// The inventory: every endpoint the server maps either requires a role or is on this list of citizen-facing ones.
    /// A new endpoint fails this test until someone decides which it is.
    /// </summary>
    [Fact]
    public async Task Every_endpoint_outside_the_citizen_list_requires_a_role()
    {
        string[] citizen =
        [
            "/api/ask/", "/api/tasks/{reference}", "/api/units/{name}/duties", "/api/search", "/api/widget/token",
            "/v3/directline/tokens/generate", "/v3/directline/tokens/refresh", "/v3/directline/conversations",
            "/v3/directline/conversations/{conversationId}", "/v3/directline/conversations/{conversationId}/activities",
            "/v3/directline/conversations/{conversationId}/stream", "/api/messages/", "/healthz", "/readyz",
            "/operator/login", "/operator/login.js", "/operator/login.css", "/operator/logout",
            // A unit's calendar by its revocable secret link (calendar clients send no headers); the staff page's redirect.
            "/calendar/{secret}.ics", "/staff",
            "/favicon.ico", "/openapi/{documentName}.json", "/scalar/{documentName?}", "/scalar/scalar.js", "/scalar/scalar.aspnetcore.js", "/scalar/favicon.svg",
        ];
        await using var app = new AssistantApplication();
        using var _ = app.CreateClient();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var open = endpoints
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .ToList();
        var guarded = endpoints.Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0).ToList();

        Assert.Empty(open.Except(citizen));
        Assert.Contains(guarded, e => e.RoutePattern.RawText!.Contains("hotline/drafts", StringComparison.Ordinal));
        Assert.Contains(guarded, e => e.RoutePattern.RawText!.StartsWith("/operator/{**", StringComparison.Ordinal));
        Assert.All(guarded.Where(e => e.RoutePattern.RawText!.Contains("drafts", StringComparison.Ordinal)),
            e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == Policies.Operator));
    }

    [Fact]
    public async Task The_operator_page_sends_strangers_to_its_login()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var path in new[] { "/operator", "/operator/", "/operator/operator.js", "/operator/index.html" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/operator/login", response.Headers.Location?.OriginalString);
        }

        using var login = await client.GetAsync("/operator/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("操作员密钥", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Paths that leave the page's folder are not files of it.
        using var operatorClient = app.CreateOperatorClient();
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync("/operator/../appsettings.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync("/operator/%2e%2e/%2e%2e/Program.cs")).StatusCode);
    }

    [Fact]
    public async Task Logging_in_gives_a_strict_session_cookie_that_opens_the_operators_api()
    {
        await using var app = WithAllKeys();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var wrong = await client.PostAsJsonAsync("/operator/login", new { key = "guess-guess-guess-guess" });
        var staff = await client.PostAsJsonAsync("/operator/login", new { key = StaffKey });
        var right = await client.PostAsJsonAsync("/operator/login", new { key = AssistantApplication.OperatorKey });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, staff.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie") || staff.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        var setCookie = Assert.Single(right.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(SecurityServiceExtensions.SessionCookie + "=", setCookie, StringComparison.Ordinal);
        Assert.Contains("; path=/", setCookie, StringComparison.Ordinal);
        Assert.Contains("; secure", setCookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", setCookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", setCookie, StringComparison.Ordinal);
        Assert.DoesNotContain(AssistantApplication.OperatorKey, setCookie, StringComparison.Ordinal);

        var cookie = setCookie.Split(';')[0];
        using var withCookie = new HttpRequestMessage(HttpMethod.Post, "/api/hotline/drafts") { Content = JsonContent.Create(new { complaint = Complaint }) };
        withCookie.Headers.Add("Cookie", cookie);
        using var created = await client.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());

        using var page = new HttpRequestMessage(HttpMethod.Get, "/operator");
        page.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(page)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_operator_key_ends_the_sessions_opened_with_the_old_one()
    {
        var data = Directory.CreateTempSubdirectory("assistant-key-change-").FullName;
        string cookie;
        await using (var before = new AssistantApplication(dataDirectory: data))
        {
            using var client = before.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
            var login = await client.PostAsJsonAsync("/operator/login", new { key = AssistantApplication.OperatorKey });
            cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
            Assert.Equal(HttpStatusCode.OK, (await SendWithCookieAsync(client, cookie)).StatusCode);
        }

        // The same data folder (so the same cookie keys): the old cookie still opens the page until the key changes.
        await using (var same = new AssistantApplication(dataDirectory: data))
        {
            using var client = same.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
            Assert.Equal(HttpStatusCode.OK, (await SendWithCookieAsync(client, cookie)).StatusCode);
        }

        await using (var changed = new AssistantApplication(new Dictionary<string, string?> { ["Assistant:OperatorApiKey"] = "a-new-operator-key-after-rotation" }, data))
        {
            using var client = changed.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendWithCookieAsync(client, cookie)).StatusCode);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task Logging_out_ends_the_session_on_the_server_so_a_copied_cookie_opens_nothing()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var login = await client.PostAsJsonAsync("/operator/login", new { key = AssistantApplication.OperatorKey });
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var copied = cookie;
        Assert.Equal(HttpStatusCode.OK, (await SendWithCookieAsync(client, copied)).StatusCode);

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/operator/logout");
        logout.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(logout)).StatusCode);

        // The browser dropped its cookie; whoever copied it gets nothing with it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendWithCookieAsync(client, copied)).StatusCode);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/operator");
        page.Headers.Add("Cookie", copied);
        using var redirected = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal("/operator/login", redirected.Headers.Location?.OriginalString);

        // Another login is a new session, unaffected.
        var again = await client.PostAsJsonAsync("/operator/login", new { key = AssistantApplication.OperatorKey });
        Assert.Equal(HttpStatusCode.OK, (await SendWithCookieAsync(client, again.Headers.GetValues("Set-Cookie").Single().Split(';')[0])).StatusCode);
    }

    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_however_often_it_renews_itself()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new AssistantApplication(
            new Dictionary<string, string?> { ["Assistant:Auth:SessionHours"] = "8", ["Assistant:Auth:SessionAbsoluteHours"] = "12" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var login = await client.PostAsJsonAsync("/operator/login", new { key = AssistantApplication.OperatorKey });
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        // Used every 3 hours: the 8-hour idle limit never ends it, and the cookie renews itself as it goes.
        for (var hours = 3; hours <= 9; hours += 3)
        {
            clock.Advance(TimeSpan.FromHours(3));
            using var response = await SendWithCookieAsync(client, cookie);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"after {hours} h: {response.StatusCode}");
            if (response.Headers.TryGetValues("Set-Cookie", out var renewed))
            {
                cookie = renewed.Single().Split(';')[0];
            }
        }

        clock.Advance(TimeSpan.FromHours(3).Add(TimeSpan.FromMinutes(1)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendWithCookieAsync(client, cookie)).StatusCode);
    }

    private static async Task<HttpResponseMessage> SendWithCookieAsync(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/hotline/drafts");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Without_a_configured_key_one_is_generated_once_kept_private_and_logged_once_with_the_login_url()
    {
        var data = Directory.CreateTempSubdirectory("assistant-generated-key-").FullName;
        var noKey = new Dictionary<string, string?> { ["Assistant:OperatorApiKey"] = "" };
        string key;
        var firstLogs = new LogCollector();
        await using (var first = new AssistantApplication(noKey, data))
        await using (var logged = first.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(firstLogs))))
        {
            using var client = logged.CreateClient();
            var path = Path.Combine(data, ApiKeys.OperatorKeyFile);
            key = File.ReadAllText(path).Trim();
            Assert.True(key.Length >= 40);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/hotline/drafts")).StatusCode);
        }

        Assert.Single(firstLogs.Messages, m => m.Contains(key, StringComparison.Ordinal) && m.Contains($"/operator/login#key={key}", StringComparison.Ordinal));

        var secondLogs = new LogCollector();
        await using (var second = new AssistantApplication(noKey, data))
        await using (var logged = second.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(secondLogs))))
        {
            using var client = logged.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/hotline/drafts")).StatusCode);
        }

        Assert.DoesNotContain(secondLogs.Messages, m => m.Contains(key, StringComparison.Ordinal));
        Assert.Contains(secondLogs.Messages, m => m.Contains(ApiKeys.OperatorKeyFile, StringComparison.Ordinal));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task Short_or_shared_keys_stop_the_start()
    {
        await using var shortKey = new AssistantApplication(new Dictionary<string, string?> { ["Assistant:OperatorApiKey"] = "short" });
        await using var shared = new AssistantApplication(new Dictionary<string, string?> { ["Assistant:StaffApiKey"] = AssistantApplication.OperatorKey });

        Assert.Contains("at least 16 characters", Assert.ThrowsAny<Exception>(() => shortKey.CreateClient()).ToString(), StringComparison.Ordinal);
        Assert.Contains("differ from each other", Assert.ThrowsAny<Exception>(() => shared.CreateClient()).ToString(), StringComparison.Ordinal);
    }
}
