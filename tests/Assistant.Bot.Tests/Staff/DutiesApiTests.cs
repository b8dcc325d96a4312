using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assistant.Bot.Tests.Staff;

public sealed class DutiesApiTests
{
    [Fact]
    public async Task A_street_offices_duties_include_the_rows_for_all_street_offices_by_month_with_open_ended_ones_apart()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateClient();

        var all = await client.GetFromJsonAsync<JsonElement>("/api/units/什刹海街道/duties");
        var april = await client.GetFromJsonAsync<JsonElement>("/api/units/什刹海街道/duties?from=2024-04&to=2024-04");
        var annex2 = await client.GetFromJsonAsync<JsonElement>("/api/units/什刹海街道/duties?annex=2");

        var leads = all.GetProperty("leads").EnumerateArray().ToList();
        Assert.True(leads.Count >= 15, $"{leads.Count} dated lead measures");
        Assert.Contains(leads, l => l.GetProperty("measureRef").GetString() == "附件1-1-1" && l.GetProperty("basis").GetString() == "AllStreetOffices"
            && l.GetProperty("dueMonth").GetString() == "2024-12");
        Assert.NotEmpty(all.GetProperty("openEnded").EnumerateArray());
        Assert.All(all.GetProperty("openEnded").EnumerateArray(), d => Assert.Null(d.GetProperty("dueMonth").GetString()));
        var aprilLeads = april.GetProperty("leads").EnumerateArray().Select(l => l.GetProperty("measureRef").GetString()).ToList();
        Assert.Equal(["附件1-22-1"], aprilLeads);
        // Open-ended duties are listed whatever the window.
        Assert.Equal(all.GetProperty("openEnded").GetArrayLength(), april.GetProperty("openEnded").GetArrayLength());
        Assert.All(annex2.GetProperty("leads").EnumerateArray(), l => Assert.Equal(2, l.GetProperty("annex").GetInt32()));

        foreach (var bad in new[] { "?from=2025-01", "?from=2024-13", "?from=2024-06&to=2024-05", "?annex=9", "?from=june" })
        {
            var response = await client.GetAsync($"/api/units/什刹海街道/duties{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
