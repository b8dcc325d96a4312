using System.CommandLine;
using Assistant.Bot.Hosting;
using Assistant.Bot.Progress;
using Assistant.Bot.Storage;
using Assistant.Index;
using Assistant.Index.Knowledge;

namespace Assistant.Bot.Cli;

/// <summary>
/// <c>staff key create 区城市管理委</c> (a unit's staff key, shown once, stored as a hash), <c>staff key list</c>,
/// <c>staff key revoke &lt;id&gt;</c>: on the server's own database (appsettings.json, Assistant__* and
/// ConnectionStrings__Postgres variables, or --data / --postgres).
/// </summary>
public static class StaffCommands
{
    public static Command Create(TextWriter stdout)
    {
        var data = new Option<string?>("--data") { Description = "The server's data folder (Assistant:DataDirectory; default data/)." };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string (ConnectionStrings:Postgres)." };
        var unitName = new Argument<string>("unit") { Description = "The unit, e.g. 区城市管理委 or 什刹海街道" };
        var create = new Command("create", "Make a staff key for a unit; it is shown this once.") { unitName, data, postgres };
        create.SetAction(r => CreateKey(Services(r.GetValue(data), r.GetValue(postgres)), r.GetValue(unitName)!, stdout));
        var list = new Command("list", "List the unit keys (ids, units, dates; never the keys).") { data, postgres };
        list.SetAction(r => List(Services(r.GetValue(data), r.GetValue(postgres)), stdout));
        var id = new Argument<string>("id") { Description = "The key's id (staff key list)." };
        var revoke = new Command("revoke", "Revoke a unit key by its id.") { id, data, postgres };
        revoke.SetAction(r => Revoke(Services(r.GetValue(data), r.GetValue(postgres)), r.GetValue(id)!, stdout));
        var key = new Command("key", "Per-unit staff keys for the /staff page and /api/progress.") { create, list, revoke };
        return new Command("staff", "Staff of the plan's units: their keys.") { key };
    }

    /// <summary>The server's plan, storage and staff services on its database, for a command.</summary>
    internal static ServiceProvider Services(string? data, string? postgres)
    {
        var settings = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(data))
        {
            settings["Assistant:DataDirectory"] = data;
        }

        if (!string.IsNullOrWhiteSpace(postgres))
        {
            settings[$"ConnectionStrings:{StorageServiceExtensions.PostgresConnectionName}"] = postgres;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddPlanKnowledge().AddStorage().AddProgress();
        return builder.Services.BuildServiceProvider();
    }

    private static int CreateKey(ServiceProvider services, string name, TextWriter stdout)
    {
        using (services)
        {
            var runtime = services.GetRequiredService<LivePlan>().Current;
            if (DutyRoster.Find(runtime, name) is not { } unit || !DutyRoster.ReportingUnits(runtime.Knowledge).Any(u => u.Name == unit.Name))
            {
                stdout.WriteLine($"'{name}' is not a unit that reports (see: knowledge unit {name}).");
                return 1;
            }

            var (info, secret) = services.GetRequiredService<IUnitSecretStore>()
                .CreateAsync(unit.Name, SecretPurpose.Api, DateTimeOffset.UtcNow, CancellationToken.None).GetAwaiter().GetResult();
            stdout.WriteLine($"Staff key {info.Id} for {unit.Name} ({services.GetRequiredService<IDatabase>().Description}).");
            stdout.WriteLine("It is shown this once; only its hash is stored. Give it to the unit's staff for the /staff page (X-Api-Key):");
            stdout.WriteLine(secret);
            return 0;
        }
    }

    private static int List(ServiceProvider services, TextWriter stdout)
    {
        using (services)
        {
            foreach (var key in services.GetRequiredService<IUnitSecretStore>().ListAsync(CancellationToken.None).GetAwaiter().GetResult())
            {
                stdout.WriteLine($"{key.Id}  {key.Purpose,-8}  {key.Unit}  created {key.CreatedAt:yyyy-MM-dd HH:mm}Z{(key.RevokedAt is { } r ? $"  revoked {r:yyyy-MM-dd HH:mm}Z" : "")}");
            }

            return 0;
        }
    }

    private static int Revoke(ServiceProvider services, string id, TextWriter stdout)
    {
        using (services)
        {
            var revoked = services.GetRequiredService<IUnitSecretStore>()
                .RevokeAsync(id.Trim(), null, SecretPurpose.Api, DateTimeOffset.UtcNow, CancellationToken.None).GetAwaiter().GetResult();
            stdout.WriteLine(revoked == 0 ? $"No active key {id}." : $"Revoked {id}.");
            return revoked == 0 ? 1 : 0;
        }
    }
}
