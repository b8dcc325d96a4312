using System.Security.Claims;
using Assistant.Bot.Api;
using Assistant.Bot.Hosting;
using Assistant.Bot.Security;
using Assistant.Index;
using Assistant.Index.Knowledge;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Progress;

public sealed record CalendarLink(string Id, string Unit, string Url);

/// <summary>
/// A unit's deadlines as an iCalendar feed (Ical.Net): one all-day event per dated duty, on its due date (a period's last
/// day; 4月1日起 on its first). Calendar clients (Outlook, Teams) cannot send headers, so a unit can also make a secret
/// link, revocable, that needs none.
/// </summary>
public static class StaffCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static IEndpointRouteBuilder MapStaffCalendar(this IEndpointRouteBuilder routes)
    {
        var staff = routes.MapGroup("/api/units/{name}").WithTags("Progress").RequireAuthorization(Policies.Staff).RequireRateLimiting(PublicLimits.Policy);
        staff.MapGet("/calendar.ics", Feed).WithName("UnitCalendar").WithSummary("The unit's deadlines as iCalendar.")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar");
        staff.MapPost("/calendar-links", CreateLinkAsync).WithName("CreateCalendarLink").WithSummary("A secret link to the unit's calendar (shown once).");
        staff.MapDelete("/calendar-links", RevokeLinksAsync).WithName("RevokeCalendarLinks").WithSummary("Revokes every calendar link of the unit.");
        routes.MapGet("/calendar/{secret}.ics", BySecretAsync).WithTags("Progress").RequireRateLimiting(PublicLimits.Policy)
            .WithName("UnitCalendarBySecret").WithSummary("A unit's calendar by its secret link.")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar");
        return routes;
    }

    /// <summary>The feed of a unit's dated duties.</summary>
    public static string Render(KnowledgeBase knowledge, DutySubject unit)
    {
        var calendar = new Calendar { ProductId = "-//Xicheng Policy Assistant//Deadlines//ZH" };
        calendar.AddProperty("X-WR-CALNAME", $"{unit.Name} 污染防治攻坚战2024年任务时限");
        foreach (var duty in DutyRoster.DutiesOf(knowledge, unit))
        {
            var deadline = duty.Measure.Deadline;
            if ((deadline.By ?? deadline.From) is not { } day)
            {
                continue;
            }

            var m = duty.Measure;
            var role = duty.Role == DutyRole.Lead ? "主责" : "协办";
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{m.Ref}.{unit.Name}@xicheng-assistant",
                Summary = $"【{role}】{m.TaskName}（{m.Ref}，{deadline.Text}）",
                Description = $"{m.Text}\n主责单位：{string.Join("、", m.LeadUnits)}\n协办单位：{(m.CoUnits.Count == 0 ? "——" : string.Join("、", m.CoUnits))}\n完成时限：{deadline.Text}",
                DtStart = new CalDateTime(day.Year, day.Month, day.Day),
                DtEnd = new CalDateTime(day.AddDays(1).Year, day.AddDays(1).Month, day.AddDays(1).Day),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Feed(string name, LivePlan plan)
    {
        var runtime = plan.Current;
        if (name.Length > 100 || DutyRoster.Find(runtime, name) is not { } unit)
        {
            return Problems.NotFound("No unit of that name in the plan.");
        }

        return TypedResults.Text(Render(runtime.Knowledge, unit), ContentType);
    }

    private static async Task<Results<Created<CalendarLink>, ProblemHttpResult>> CreateLinkAsync(
        string name, HttpRequest request, ClaimsPrincipal user, StaffDirectory directory, LivePlan plan, IUnitSecretStore secrets,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var runtime = plan.Current;
        if (Owned(name, user, directory, runtime, out var unit) is { } refused)
        {
            return refused;
        }

        var (info, secret) = await secrets.CreateAsync(unit!, SecretPurpose.Calendar, clock.GetUtcNow(), cancellationToken);
        var url = $"{request.Scheme}://{request.Host}/calendar/{secret}.ics";
        return TypedResults.Created(url, new CalendarLink(info.Id, unit!, url));
    }

    private static async Task<Results<Ok<int>, ProblemHttpResult>> RevokeLinksAsync(
        string name, ClaimsPrincipal user, StaffDirectory directory, LivePlan plan, IUnitSecretStore secrets, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var runtime = plan.Current;
        if (Owned(name, user, directory, runtime, out var unit) is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(await secrets.RevokeAsync(null, unit, SecretPurpose.Calendar, clock.GetUtcNow(), cancellationToken));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> BySecretAsync(
        string secret, LivePlan plan, IUnitSecretStore secrets, HttpResponse response, CancellationToken cancellationToken)
    {
        var runtime = plan.Current;
        if (secret.Length is < 20 or > 100 || await secrets.UnitOfAsync(secret, SecretPurpose.Calendar, cancellationToken) is not { } name
            || DutyRoster.Find(runtime, name) is not { } unit)
        {
            return Problems.NotFound("No calendar at this link (it may have been revoked).");
        }

        response.Headers.CacheControl = "no-store";
        return TypedResults.Text(Render(runtime.Knowledge, unit), ContentType);
    }

    /// <summary>Links are a unit's own to make and revoke (an admin's for any unit).</summary>
    private static ProblemHttpResult? Owned(string name, ClaimsPrincipal user, StaffDirectory directory, PlanRuntime runtime, out string? unit)
    {
        unit = name.Length > 100 ? null : DutyRoster.Find(runtime, name)?.Name;
        if (unit is null)
        {
            return Problems.NotFound("No unit of that name in the plan.");
        }

        var caller = directory.Of(user);
        return caller.IsAdmin || caller.Unit == unit
            ? null
            : Api.Problems.Forbidden($"Only {unit}'s own staff (or an admin) manage its calendar links.");
    }
}
