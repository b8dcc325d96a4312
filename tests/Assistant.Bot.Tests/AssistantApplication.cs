using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests;

/// <summary>
/// The one test application: the real host with its own temporary data folder, so no test sees another's data.
/// Extra settings override the defaults per test; extra services are added after the app's own.
/// </summary>
public sealed class AssistantApplication(
    IDictionary<string, string?>? settings = null,
    string? dataDirectory = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    private readonly bool _ownsDataDirectory = dataDirectory is null;

    /// <summary>The data folder: a fresh temporary one, or the one given (to restart on the same data).</summary>
    public string DataDirectory { get; } = dataDirectory ?? Directory.CreateTempSubdirectory("assistant-test-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config =>
        {
            var values = new Dictionary<string, string?> { ["Assistant:DataDirectory"] = DataDirectory };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }

            config.AddInMemoryCollection(values);
        });
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_ownsDataDirectory)
        {
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS temp cleaner; the next test uses its own folder anyway.
        }
    }
}
