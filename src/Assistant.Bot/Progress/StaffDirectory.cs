using System.Security.Claims;
using Assistant.Bot.Security;
using Assistant.Index;
using Assistant.Index.Knowledge;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Progress;

/// <summary>Who is calling, for progress reports: their unit (if any), and whether they read every unit's reports.</summary>
public sealed record StaffCaller(string Name, string? Unit, bool IsAdmin, bool IsCoordinator)
{
    /// <summary>The coordinating unit and admins read every unit's reports.</summary>
    public bool ReadsAll => IsAdmin || IsCoordinator;

    /// <summary>True when the caller may read <paramref name="unit"/>'s reports.</summary>
    public bool MayRead(string unit) => ReadsAll || Unit == unit;
}

/// <summary>
/// Which unit a member of staff belongs to: a per-unit key says so itself (claim <see cref="UnitClaim"/>); OIDC users and
/// Teams users are mapped by Assistant:Progress:Units (unit → user object ids, group ids, app role names).
/// </summary>
public sealed class StaffDirectory
{
    /// <summary>The claim a per-unit staff key puts on its principal.</summary>
    public const string UnitClaim = "assistant:unit";

    private readonly Dictionary<string, string> _unitByPrincipal = new(StringComparer.OrdinalIgnoreCase);

    public StaffDirectory(IOptions<ProgressOptions> options, LivePlan plan)
    {
        // Unit names only, which split corrections never change: read once.
        var runtime = plan.Current;
        var settings = options.Value;
        ReminderDay = settings.ReminderDay;
        Coordinator = DutyRoster.Find(runtime, settings.CoordinatorUnit)?.Name
            ?? throw new InvalidOperationException($"Assistant:Progress:CoordinatorUnit '{settings.CoordinatorUnit}' is not a unit of the plan.");
        foreach (var (unit, principals) in settings.Units)
        {
            var name = DutyRoster.Find(runtime, unit)?.Name
                ?? throw new InvalidOperationException($"Assistant:Progress:Units names '{unit}', which is not a unit of the plan.");
            foreach (var principal in principals.Select(p => p.Trim()).Where(p => p.Length > 0))
            {
                _unitByPrincipal[principal] = name;
            }
        }
    }

    /// <summary>The day of the month Teams reminders go out.</summary>
    public int ReminderDay { get; }

    /// <summary>The coordinating unit's name as the plan spells it.</summary>
    public string Coordinator { get; }

    /// <summary>Every principal mapped to a unit: the candidates to ask Graph about as a Teams user's groups.</summary>
    public IReadOnlyCollection<string> MappedPrincipals => _unitByPrincipal.Keys;

    /// <summary>The first unit any of <paramref name="principals"/> is mapped to.</summary>
    public string? UnitOf(IEnumerable<string> principals) =>
        principals.Select(p => _unitByPrincipal.GetValueOrDefault(p.Trim())).FirstOrDefault(u => u is not null);

    /// <summary>
    /// The unit a staff member acts for: the one the request names (an admin may name any), else their own. A problem
    /// instead when there is none they may act for: 400 for a name that is no unit of the plan, 403 for a caller mapped to
    /// no unit or naming another unit. <paramref name="acting"/> says what they do ("report for"), for the message.
    /// </summary>
    public (StaffCaller Caller, DutySubject? Subject, ProblemHttpResult? Refused) ActingFor(
        ClaimsPrincipal user, PlanRuntime runtime, string? requested, string acting)
    {
        var caller = Of(user);
        DutySubject? named = null;
        if (!string.IsNullOrWhiteSpace(requested) && (named = DutyRoster.Find(runtime, requested)) is null)
        {
            return (caller, null, Api.Problems.BadRequest("unit is not a unit of the plan."));
        }

        var unit = named?.Name ?? caller.Unit;
        if (unit is null)
        {
            return (caller, null, Api.Problems.Forbidden(caller.IsAdmin
                ? $"Name the unit you {acting} (unit)." : "You are not mapped to a unit (Assistant:Progress:Units or a unit key)."));
        }

        if (!caller.IsAdmin && unit != caller.Unit)
        {
            return (caller, null, Api.Problems.Forbidden($"You {acting} {caller.Unit ?? "no unit"}, not for {unit}."));
        }

        return (caller, named ?? DutyRoster.Find(runtime, unit), null);
    }

    public StaffCaller Of(ClaimsPrincipal user)
    {
        var unit = user.FindFirst(UnitClaim)?.Value
            ?? UnitOf(user.Claims.Where(c => c.Type is "oid" or "sub" or "groups" or "roles").Select(c => c.Value));
        var isAdmin = Roles.Grants(AuthSchemes.RoleOf(user), Roles.Admin);
        return new StaffCaller(user.Identity?.Name ?? "unknown", unit, isAdmin, unit == Coordinator);
    }
}
