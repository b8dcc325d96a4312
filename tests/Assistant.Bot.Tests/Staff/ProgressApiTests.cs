using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assistant.Bot.Progress;
using Assistant.Bot.Tests.Storage;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;

namespace Assistant.Bot.Tests.Staff;

/// <summary>Monthly reports through the API, the compilation and the calendar, on both backends.</summary>
public sealed class ProgressApiTests
{
    public const string AdminKey = "test-admin-key-77c1e0a9f3b2";

    /// <summary>Mid-June 2026 in Beijing: this month is 2024-06 in the plan year.</summary>
    public static readonly DateTimeOffset June = new(2026, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The app on a test database with the clock in June, and staff keys for three units.</summary>
    public sealed class Office : IAsyncDisposable
    {
        private Office(TestDatabase db, AssistantApplication app)
        {
            Db = db;
            App = app;
        }

        public TestDatabase Db { get; }

        public AssistantApplication App { get; }

        public FakeTimeProvider Clock { get; } = new(June);

        /// <summary>The server's address when opened on a loopback port (browser tests).</summary>
        public Uri? Address { get; private set; }

        public Dictionary<string, string> Keys { get; } = new(StringComparer.Ordinal);

        public static async Task<Office> OpenAsync(
            Backend backend, IDictionary<string, string?>? extra = null, bool onLoopback = false, DateTimeOffset? now = null)
        {
            var db = await TestDatabase.CreateAsync(backend);
            var settings = new Dictionary<string, string?>(db.Settings) { ["Assistant:AdminApiKey"] = AdminKey };
            foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
            {
                settings[k] = v;
            }

            Office? office = null;
            var app = new AssistantApplication(settings, db.DataDirectory, services => services.AddSingleton<TimeProvider>(_ => office!.Clock));
            office = new Office(db, app);
            office.Clock.SetUtcNow(now ?? June);
            if (onLoopback)
            {
                office.Address = Assistant.Bot.Tests.DirectLine.LoopbackServer.StartOnLoopback(app);
            }

            var secrets = app.Services.GetRequiredService<IUnitSecretStore>();
            foreach (var unit in new[] { "区城市管理委", "什刹海街道", "区生态环境局" })
            {
                office.Keys[unit] = (await secrets.CreateAsync(unit, SecretPurpose.Api, June, CancellationToken.None)).Secret;
            }

            return office;
        }

        public HttpClient As(string unit) => App.CreateClientWithKey(unit == "admin" ? AdminKey : Keys[unit]);

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await Db.DisposeAsync();
        }
    }

    private static Task<HttpResponseMessage> Report(HttpClient client, string month, string measure, object body) =>
        client.PutAsJsonAsync($"/api/progress/{month}/{measure}", body);

    [Theory, OnSqlite, OnPostgres]
    public async Task Lead_units_report_with_revisions_others_are_refused_and_bad_input_writes_nothing(Backend backend)
    {
        await using var office = await Office.OpenAsync(backend);
        using var cityManagement = office.As("区城市管理委");
        using var shichahai = office.As("什刹海街道");

        var first = await Report(cityManagement, "2024-06", "附件1-7-4", new { status = "推进中", progress = "已完成方案编制", revision = 0 });
        var stale = await Report(cityManagement, "2024-06", "附件1-7-4", new { status = "推进中", progress = "另一人的修改", revision = 0 });
        var second = await Report(cityManagement, "2024-06", "附件1-7-4", new { status = "滞后", progress = "进度滞后", problems = "资金未到位", revision = 1 });
        var notLead = await Report(cityManagement, "2024-06", "附件1-22-1", new { status = "推进中", progress = "协办单位不报送" });
        var otherUnit = await Report(cityManagement, "2024-06", "附件1-22-1", new { unit = "什刹海街道", status = "推进中", progress = "代报" });
        var street = await Report(shichahai, "2024-06", "附件1-22-1", new { status = "推进中", progress = "街道方案已印发" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notLead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherUnit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, street.StatusCode);
        var saved = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2, "滞后", "区城市管理委", "资金未到位"), (saved.GetProperty("revision").GetInt32(), saved.GetProperty("status").GetString(),
            saved.GetProperty("unit").GetString(), saved.GetProperty("problems").GetString()));
        var revisions = await cityManagement.GetFromJsonAsync<JsonElement>("/api/progress/2024-06/附件1-7-4/revisions");
        Assert.Equal(["推进中", "滞后"], revisions.EnumerateArray().Select(r => r.GetProperty("status").GetString()));

        // Bad input: 400 problem+json, and nothing is written.
        var bad = new (string Month, string Measure, string Body)[]
        {
            ("2024-06", "附件1-10-4", """{"status":"完成了","progress":"x"}"""),
            ("2024-06", "附件1-10-4", """{"status":"推进中","progress":"  "}"""),
            ("2024-06", "附件1-10-4", """{"status":"推进中","progress":"x","revision":-1}"""),
            ("2024-06", "附件1-10-4", """{"status":"推进中","progress":"x","unit":"火星局"}"""),
            ("2024-06", "附件1-10-4", """{"status":"推进中","progress":"""),
            ("2024-13", "附件1-10-4", """{"status":"推进中","progress":"x"}"""),
            ("2024-07", "附件1-10-4", """{"status":"推进中","progress":"未来的月份"}"""),
            ("2023-06", "附件1-10-4", """{"status":"推进中","progress":"x"}"""),
            ("2024-06", "附件1-10-4", $$"""{"status":"推进中","progress":"{{new string('长', 4001)}}"}"""),
        };
        foreach (var (month, measure, body) in bad)
        {
            var response = await cityManagement.PutAsync($"/api/progress/{month}/{measure}", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(HttpStatusCode.BadRequest == response.StatusCode, $"{month} {body[..Math.Min(40, body.Length)]}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await Report(cityManagement, "2024-06", "附件9-9-9", new { status = "推进中", progress = "x" })).StatusCode);
        var stored = await office.Db.QueryAsync("SELECT measure_ref || '/' || unit || '/' || revision FROM progress_report_revisions ORDER BY measure_ref, revision");
        Assert.Equal(["附件1-22-1/什刹海街道/1", "附件1-7-4/区城市管理委/1", "附件1-7-4/区城市管理委/2"], stored);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task The_coordinator_reads_every_unit_others_their_own_and_overdue_follows_the_latest_status(Backend backend)
    {
        await using var office = await Office.OpenAsync(backend);
        using var cityManagement = office.As("区城市管理委");
        using var shichahai = office.As("什刹海街道");
        using var coordinator = office.As("区生态环境局");
        using var admin = office.As("admin");
        Assert.Equal(HttpStatusCode.OK, (await Report(cityManagement, "2024-06", "附件1-7-4", new { status = "推进中", progress = "推进中" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Report(shichahai, "2024-05", "附件1-22-1", new { status = "已完成", progress = "5月已完成" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Report(shichahai, "2024-06", "附件2-6-2", new { status = "推进中", progress = "草稿", draft = true })).StatusCode);
        // An admin writes for any unit by naming it; without a name it has no unit to write for.
        Assert.Equal(HttpStatusCode.OK, (await Report(admin, "2024-06", "附件1-22-1", new { unit = "德胜", status = "推进中", progress = "德胜街道推进中" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Report(admin, "2024-06", "附件1-22-1", new { status = "推进中", progress = "谁？" })).StatusCode);

        var all = await coordinator.GetFromJsonAsync<JsonElement>("/api/progress/2024-06");
        var own = await shichahai.GetFromJsonAsync<JsonElement>("/api/progress/2024-06");
        Assert.Equal(HttpStatusCode.Forbidden, (await shichahai.GetAsync("/api/progress/2024-06?unit=区城市管理委")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/api/progress/2024-06?unit=区城市管理委")).StatusCode);

        Assert.Equal("2024-06", all.GetProperty("currentMonth").GetString());
        Assert.Equal(["附件1-22-1/德胜街道", "附件1-7-4/区城市管理委", "附件2-6-2/什刹海街道"],
            all.GetProperty("reports").EnumerateArray().Select(r => $"{r.GetProperty("measureRef").GetString()}/{r.GetProperty("unit").GetString()}").Order(StringComparer.Ordinal));
        Assert.All(own.GetProperty("reports").EnumerateArray(), r => Assert.Equal("什刹海街道", r.GetProperty("unit").GetString()));
        var overdue = all.GetProperty("overdue").EnumerateArray().Select(o => (Ref: o.GetProperty("measureRef").GetString(), Unit: o.GetProperty("unit").GetString())).ToList();
        // Due in April: 什刹海 reported it done in May, 德胜 is still 推进中, 新街口 never reported; 3月底 for 区生态环境局.
        Assert.DoesNotContain(("附件1-22-1", "什刹海街道"), overdue);
        Assert.Contains(("附件1-22-1", "德胜街道"), overdue);
        Assert.Contains(("附件1-22-1", "新街口街道"), overdue);
        Assert.Contains(("附件3-8-1", "区生态环境局"), overdue);
        // Due in September or December: not yet.
        Assert.DoesNotContain(overdue, o => o.Ref is "附件2-6-2" or "附件1-7-4");
        var deshengRow = all.GetProperty("reports").EnumerateArray().Single(r => r.GetProperty("unit").GetString() == "德胜街道");
        Assert.True(deshengRow.GetProperty("overdue").GetBoolean());
        var summary = all.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("unit").GetString()!);
        Assert.Equal((1, 0), (summary["区城市管理委"].GetProperty("reported").GetInt32(), summary["区城市管理委"].GetProperty("drafts").GetInt32()));
        Assert.Equal((0, 1), (summary["什刹海街道"].GetProperty("reported").GetInt32(), summary["什刹海街道"].GetProperty("drafts").GetInt32()));
        Assert.True(summary["什刹海街道"].GetProperty("led").GetInt32() >= 20);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task The_compilation_is_a_workbook_that_reads_back_with_a_sheet_per_annex_and_a_summary(Backend backend)
    {
        await using var office = await Office.OpenAsync(backend);
        using var cityManagement = office.As("区城市管理委");
        using var coordinator = office.As("区生态环境局");
        await Report(cityManagement, "2024-06", "附件1-7-4", new { status = "滞后", progress = "方案报审中", nextSteps = "7月印发", problems = "审批慢" });

        var response = await coordinator.GetAsync("/api/progress/2024-06?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(["附件1", "附件2", "附件3", "附件4", "附件5", "汇总"], MiniExcel.GetSheetNames(workbook));
        var annex1 = MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "附件1").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(ProgressWorkbook.Columns, annex1[0].Keys);
        var row = annex1.Single(r => (string?)r["序号"] == "附件1-7-4" && (string?)r["报送单位"] == "区城市管理委");
        Assert.Equal(("滞后", "方案报审中", "7月印发", "审批慢", "年底前"),
            ((string?)row["状态"], (string?)row["进展情况"], (string?)row["下步计划"], (string?)row["存在问题"], (string?)row["完成时限"]));
        // Every lead unit owes a line: 德胜街道 has not reported the April measure, which is overdue.
        var owed = annex1.Single(r => (string?)r["序号"] == "附件1-22-1" && (string?)r["报送单位"] == "德胜街道");
        Assert.Equal(("未报送", "逾期"), ((string?)owed["状态"], (string?)owed["是否逾期"]));
        var summary = MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "汇总").Cast<IDictionary<string, object?>>().ToList();
        var line = summary.Single(r => (string?)r["单位"] == "区城市管理委");
        Assert.Equal(1, Convert.ToInt32(line["本月已报送"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, Convert.ToInt32(line["滞后"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DutyCount(office, "区城市管理委"), Convert.ToInt32(line["主责措施"], System.Globalization.CultureInfo.InvariantCulture));

        var csv = await coordinator.GetByteArrayAsync("/api/progress/2024-06?format=csv&unit=区城市管理委");
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), csv[..3]);
        var text = Encoding.UTF8.GetString(csv[3..]);
        Assert.StartsWith("附件,序号,重点任务", text, StringComparison.Ordinal);
        Assert.Contains("方案报审中", text, StringComparison.Ordinal);
        Assert.DoesNotContain("德胜街道", text.Split('\n').Where(l => l.Contains("附件1-22-1", StringComparison.Ordinal)).FirstOrDefault() ?? "", StringComparison.Ordinal);
    }

    private static int DutyCount(Office office, string unit) =>
        office.App.Services.GetRequiredService<ProgressBoard>().Leads.Count(l => l.Unit == unit);

    [Fact]
    public async Task A_units_calendar_parses_with_an_event_per_deadline_and_its_secret_link_can_be_revoked()
    {
        await using var office = await Office.OpenAsync(Backend.Sqlite);
        using var cityManagement = office.As("区城市管理委");
        using var anonymous = office.App.CreateClient();

        var feed = await cityManagement.GetStringAsync("/api/units/城管委/calendar.ics");
        var calendar = Calendar.Load(feed)!;
        var board = office.App.Services.GetRequiredService<Assistant.Index.LivePlan>().Current;
        var unit = Assistant.Index.Knowledge.DutyRoster.Find(board, "区城市管理委")!;
        var dated = Assistant.Index.Knowledge.DutyRoster.DutiesOf(board.Knowledge, unit).Where(d => !d.Measure.Deadline.OpenEnded).ToList();
        Assert.Equal(dated.Count, calendar.Events.Count);
        var dec = calendar.Events.Single(e => e.Summary!.Contains("附件1-7-4", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2024, 12, 31), DateOnly.FromDateTime(dec.DtStart!.Value));
        Assert.Contains("主责", dec.Summary, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/units/城管委/calendar.ics")).StatusCode);

        // Only the unit itself makes links; the link works without headers until revoked.
        using var shichahai = office.As("什刹海街道");
        Assert.Equal(HttpStatusCode.Forbidden, (await shichahai.PostAsync("/api/units/区城市管理委/calendar-links", null)).StatusCode);
        var link = await (await cityManagement.PostAsync("/api/units/区城市管理委/calendar-links", null)).Content.ReadFromJsonAsync<JsonElement>();
        var url = new Uri(link.GetProperty("url").GetString()!);
        var bySecret = await anonymous.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, bySecret.StatusCode);
        Assert.Equal("text/calendar", bySecret.Content.Headers.ContentType?.MediaType);
        Assert.Equal(dated.Count, Calendar.Load(await bySecret.Content.ReadAsStringAsync())!.Events.Count);
        Assert.Equal(HttpStatusCode.OK, (await cityManagement.DeleteAsync("/api/units/区城市管理委/calendar-links")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_unit_key_opens_nothing_and_OIDC_style_principals_map_to_units_by_settings()
    {
        await using var office = await Office.OpenAsync(Backend.Sqlite, new Dictionary<string, string?>
        {
            ["Assistant:Progress:Units:城管委:0"] = "group-city-management",
            ["Assistant:Progress:Units:什刹海:0"] = "0f0e0d0c-aaaa-bbbb-cccc-111122223333",
        });
        using var cityManagement = office.As("区城市管理委");
        var me = await cityManagement.GetFromJsonAsync<JsonElement>("/api/staff/me");
        Assert.Equal(("区城市管理委", false, "2024-06"), (me.GetProperty("unit").GetString(), me.GetProperty("isCoordinator").GetBoolean(), me.GetProperty("currentMonth").GetString()));

        var secrets = office.App.Services.GetRequiredService<IUnitSecretStore>();
        var key = (await secrets.ListAsync(CancellationToken.None)).Single(k => k.Unit == "区城市管理委");
        await secrets.RevokeAsync(key.Id, null, SecretPurpose.Api, June, CancellationToken.None);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cityManagement.GetAsync("/api/staff/me")).StatusCode);

        var directory = office.App.Services.GetRequiredService<StaffDirectory>();
        Assert.Equal("区城市管理委", directory.UnitOf(["someone-else", "GROUP-CITY-MANAGEMENT"]));
        Assert.Equal("什刹海街道", directory.UnitOf(["0f0e0d0c-aaaa-bbbb-cccc-111122223333"]));
        var token = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new("sub", "u1"), new("groups", "group-city-management"), new(System.Security.Claims.ClaimTypes.Role, "staff")], "Bearer"));
        Assert.Equal("区城市管理委", directory.Of(token).Unit);
        Assert.Equal("区生态环境局", directory.Coordinator);
    }
}
