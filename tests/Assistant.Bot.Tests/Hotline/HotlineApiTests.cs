using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Assistant.Bot.Tests.Hotline;

public sealed class HotlineApiTests
{
    private const string Fumes = "我家在德胜街道新康社区，楼下新开了一家烧烤店，每天晚上油烟特别大，窗户都不敢开，已经持续一个多月了";

    private static async Task<JsonElement> CreateAsync(HttpClient client, string complaint, string? receivedAt = null)
    {
        var response = await client.PostAsJsonAsync("/api/hotline/drafts", new { complaint, receivedAt });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToList();

    [Fact]
    public async Task Posting_a_complaint_creates_a_draft_with_its_triage()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateOperatorClient();

        var response = await client.PostAsJsonAsync("/api/hotline/drafts", new { complaint = Fumes });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString();
        Assert.Equal($"/api/hotline/drafts/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("餐饮油烟", body.GetProperty("category").GetString());
        Assert.Equal("德胜街道", body.GetProperty("street").GetString());
        Assert.Equal(["附件1-15", "附件1-19"], Strings(body.GetProperty("refs")));
        Assert.Equal(["区生态环境局", "区市场监管局", "德胜街道办事处"], Strings(body.GetProperty("leadUnits")));
        Assert.Equal(["区城市管理指挥中心"], Strings(body.GetProperty("coUnits")));
        var basis = body.GetProperty("basis")[0];
        Assert.Equal("附件1-15-1", basis.GetProperty("measureRef").GetString());
        Assert.StartsWith("区市场监管局与区生态环境局", basis.GetProperty("measure").GetString());
        Assert.Equal("晚上", body.GetProperty("timeOfDay").GetString());
        Assert.Contains("德胜街道办事处会同区生态环境局办理", body.GetProperty("draft").GetString());
        Assert.Contains("主办：区生态环境局（附件1-15-1 主责）", body.GetProperty("dispatchNote").GetString());
        var handling = body.GetProperty("handling");
        Assert.Equal("区生态环境局", handling.GetProperty("lead").GetProperty("unit").GetString());
        Assert.Equal("德胜街道办事处", handling.GetProperty("local").GetProperty("unit").GetString());
        Assert.Equal("rules", body.GetProperty("draftedBy").GetString());
        Assert.Equal("draft", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("revision").GetInt32());
        Assert.True(body.GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task A_draft_is_read_back_by_id_and_unknown_ids_are_404()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateOperatorClient();
        var created = await CreateAsync(client, Fumes);

        var read = await client.GetFromJsonAsync<JsonElement>($"/api/hotline/drafts/{created.GetProperty("id").GetString()}");
        var missing = await client.GetAsync("/api/hotline/drafts/no-such-draft");

        Assert.Equal(created.GetProperty("draft").GetString(), read.GetProperty("draft").GetString());
        Assert.Equal(created.GetProperty("complaint").GetString(), read.GetProperty("complaint").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Saving_moves_draft_to_edited_to_sent_and_keeps_every_revision()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateOperatorClient();
        var created = await CreateAsync(client, Fumes);
        var url = $"/api/hotline/drafts/{created.GetProperty("id").GetString()}";

        var first = await client.PutAsJsonAsync(url, new { draft = "第一次修改", status = "edited", revision = 1 });
        var second = await client.PutAsJsonAsync(url, new { draft = "第二次修改", status = "edited" });
        var sent = await client.PutAsJsonAsync(url, new { draft = "最终答复", status = "sent", revision = 3 });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var body = await client.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal("sent", body.GetProperty("status").GetString());
        Assert.Equal("最终答复", body.GetProperty("draft").GetString());
        Assert.Equal(4, body.GetProperty("revision").GetInt32());
        var revisions = body.GetProperty("revisions").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4], revisions.Select(r => r.GetProperty("revision").GetInt32()));
        Assert.Equal(created.GetProperty("draft").GetString(), revisions[0].GetProperty("draft").GetString());
        Assert.Equal(["draft", "edited", "edited", "sent"], revisions.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("第一次修改", revisions[1].GetProperty("draft").GetString());
    }

    [Fact]
    public async Task Refused_saves_change_nothing()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateOperatorClient();
        var created = await CreateAsync(client, Fumes);
        var url = $"/api/hotline/drafts/{created.GetProperty("id").GetString()}";
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync(url, new { draft = "改过", status = "edited" })).StatusCode);

        // Someone saved revision 2 meanwhile: a save based on revision 1 is stale.
        var stale = await client.PutAsJsonAsync(url, new { draft = "旧版本上的修改", status = "edited", revision = 1 });
        var backwards = await client.PutAsJsonAsync(url, new { draft = "改回草稿", status = "draft" });
        var empty = await client.PutAsJsonAsync(url, new { draft = "  ", status = "edited" });
        var unknown = await client.PutAsJsonAsync("/api/hotline/drafts/nope", new { draft = "x", status = "edited" });
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync(url, new { draft = "发出", status = "sent" })).StatusCode);
        var afterSent = await client.PutAsJsonAsync(url, new { draft = "发出后再改", status = "edited" });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, afterSent.StatusCode);
        Assert.Equal("application/problem+json", afterSent.Content.Headers.ContentType?.MediaType);
        var body = await client.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal("发出", body.GetProperty("draft").GetString());
        Assert.Equal(3, body.GetProperty("revisions").GetArrayLength());
    }

    [Fact]
    public async Task Of_simultaneous_saves_on_one_revision_exactly_one_wins()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateOperatorClient();
        var created = await CreateAsync(client, Fumes);
        var url = $"/api/hotline/drafts/{created.GetProperty("id").GetString()}";

        var saves = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            client.PutAsJsonAsync(url, new { draft = $"操作员{i}的修改", status = "edited", revision = 1 })));

        Assert.Single(saves, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(7, saves.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var body = await client.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal(2, body.GetProperty("revisions").GetArrayLength());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"complaint\": \"\"}")]
    [InlineData("{\"complaint\": \"   \"}")]
    [InlineData("{\"complaint\": 42}")]
    [InlineData("{\"complaint\": \"油烟")]
    [InlineData("not json")]
    [InlineData("{\"complaint\": \"油烟太大\", \"receivedAt\": \"yesterday\"}")]
    [InlineData("{\"complaint\": \"油烟太大\", \"receivedAt\": \"2999-01-01T00:00:00+08:00\"}")]
    public async Task Bad_input_is_a_problem_json_400_and_writes_nothing(string body)
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateOperatorClient();

        var response = await client.PostAsync("/api/hotline/drafts", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/hotline/drafts")).GetArrayLength());
    }

    [Fact]
    public async Task Over_long_complaint_is_rejected()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateOperatorClient();

        var response = await client.PostAsJsonAsync("/api/hotline/drafts", new { complaint = new string('吵', 5001) });
        var longest = await client.PostAsJsonAsync("/api/hotline/drafts", new { complaint = new string('吵', 5000) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("5000", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
    }

    [Fact]
    public async Task List_filters_by_street_category_and_dates()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateOperatorClient();
        await CreateAsync(client, "德胜街道有家饭馆油烟扰民", "2024-06-03T09:00:00+08:00");
        await CreateAsync(client, "德胜街道的工地半夜打桩", "2024-06-20T23:30:00+08:00");
        await CreateAsync(client, "牛街有家饭馆油烟扰民", "2024-07-01T08:00:00+08:00");
        await CreateAsync(client, "楼下饭馆油烟扰民", "2024-06-30T23:59:00+08:00");

        async Task<List<JsonElement>> List(string query) =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/hotline/drafts?{query}")).EnumerateArray().ToList();

        Assert.Equal(4, (await List("")).Count);
        Assert.Equal(2, (await List("street=德胜")).Count); // a short form names the street too
        Assert.Equal(3, (await List("category=餐饮油烟")).Count);
        Assert.Single(await List("street=德胜街道&category=建筑施工噪声"));
        // Dates are the hotline's (Beijing) dates: 23:59 on 30 June is June, whatever UTC says.
        var june = await List("from=2024-06-01&to=2024-06-30");
        Assert.Equal(3, june.Count);
        Assert.Equal("2024-06-30T23:59:00+08:00", june[0].GetProperty("receivedAt").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/hotline/drafts?street=朝阳")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/hotline/drafts?category=噪音")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/hotline/drafts?from=2024-13-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/hotline/drafts?from=2024-07-01&to=2024-06-01")).StatusCode);
    }

    [Fact]
    public async Task Stats_count_a_month_by_category_and_street()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateOperatorClient();
        await CreateAsync(client, "德胜街道有家饭馆油烟扰民", "2024-06-03T09:00:00+08:00");
        await CreateAsync(client, "德胜街道有家烧烤店油烟很大", "2024-06-10T19:00:00+08:00");
        await CreateAsync(client, "德胜街道的工地半夜打桩", "2024-06-20T23:30:00+08:00");
        await CreateAsync(client, "楼下饭馆油烟扰民", "2024-06-15T12:00:00+08:00");
        await CreateAsync(client, "牛街有家饭馆油烟扰民", "2024-07-01T08:00:00+08:00");

        var stats = await client.GetFromJsonAsync<JsonElement>("/api/hotline/stats?month=2024-06");

        Assert.Equal("2024-06", stats.GetProperty("month").GetString());
        Assert.Equal(4, stats.GetProperty("total").GetInt32());
        Assert.Equal(10, stats.GetProperty("categories").GetArrayLength());
        Assert.Equal(15, stats.GetProperty("streets").GetArrayLength());
        var cells = stats.GetProperty("cells").EnumerateArray()
            .ToDictionary(c => $"{c.GetProperty("category").GetString()}|{c.GetProperty("street").GetString()}", c => c.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["餐饮油烟|德胜街道"] = 2, ["餐饮油烟|"] = 1, ["建筑施工噪声|德胜街道"] = 1 }, cells);
        var fumes = stats.GetProperty("byCategory").EnumerateArray().Single(c => c.GetProperty("category").GetString() == "餐饮油烟");
        Assert.Equal(3, fumes.GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/hotline/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/hotline/stats?month=2024-13")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/hotline/stats?month=June")).StatusCode);
    }

    [Fact]
    public async Task Time_limits_come_from_settings()
    {
        await using var app = new AssistantApplication(new Dictionary<string, string?>
        {
            ["Hotline:ContactWithinHours"] = "48",
            ["Hotline:ResolveWithinDays"] = "7",
        });
        using var client = app.CreateOperatorClient();

        var draft = (await CreateAsync(client, Fumes)).GetProperty("draft").GetString();

        Assert.Contains("48小时内与您联系", draft);
        Assert.Contains("力争在7日内", draft);
    }

    [Fact]
    public async Task Operator_page_is_served_to_operators()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateOperatorClient();

        var page = await client.GetAsync("/operator/");
        var script = await client.GetAsync("/operator/operator.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("12345 接诉即办工作台", await page.Content.ReadAsStringAsync());
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }
}
