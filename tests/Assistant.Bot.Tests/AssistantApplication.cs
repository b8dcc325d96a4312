using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests;

/// <summary>
/// The one test application: the real host with its own temporary data folder, so no test sees another's data, and a
/// known operator key. Extra settings override the defaults per test (an empty OperatorApiKey lets the server generate
/// one); extra services are added after the app's own.
/// </summary>
public sealed class AssistantApplication(
    IDictionary<string, string?>? settings = null,
    string? dataDirectory = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    /// <summary>Assistant:OperatorApiKey in every test application unless a test sets its own.</summary>
    public const string OperatorKey = "test-operator-key-5b2e9c71d4";

    private readonly bool _ownsDataDirectory = dataDirectory is null;

    /// <summary>The data folder: a fresh temporary one, or the one given (to restart on the same data).</summary>
    public string DataDirectory { get; } = dataDirectory ?? Directory.CreateTempSubdirectory("assistant-test-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config =>
        {
            var values = new Dictionary<string, string?>
            {
                ["Assistant:DataDirectory"] = DataDirectory,
                ["Assistant:OperatorApiKey"] = OperatorKey,
            };
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

    /// <summary>A client that sends the operator key (X-Api-Key) with every request.</summary>
    public HttpClient CreateOperatorClient() => CreateClientWithKey(OperatorKey);

    /// <summary>A client that sends <paramref name="apiKey"/> in X-Api-Key with every request.</summary>
    public HttpClient CreateClientWithKey(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
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
