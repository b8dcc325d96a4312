using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Ai;

/// <summary>Counts the app's "assistant.model.fallbacks" measurements by reason (only this app's meters).</summary>
public sealed class FallbackCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byReason = new(StringComparer.Ordinal);

    public FallbackCounter(IServiceProvider services)
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "assistant.model.fallbacks" && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    _byReason.AddOrUpdate((string)tag.Value!, value, (_, total) => total + value);
                }
            }
        });
        _listener.Start();
    }

    public long this[string reason] => _byReason.GetValueOrDefault(reason);

    public long Total => _byReason.Values.Sum();

    public void Dispose() => _listener.Dispose();
}

public static class AskClient
{
    public static async Task<JsonElement> AskAsync(this AssistantApplication app, string question, string? conversationId = null)
    {
        using var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/ask", new { question, conversationId });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A faithful model answer: the first measure of a plugin result, its units and deadline, with its reference.</summary>
    public static string CiteFirstMeasure(string toolResult)
    {
        using var json = JsonDocument.Parse(toolResult);
        var m = json.RootElement.GetProperty("measures")[0];
        var lead = string.Join("、", m.GetProperty("leadUnits").EnumerateArray().Select(u => u.GetString()));
        var co = m.GetProperty("coUnits").EnumerateArray().Select(u => u.GetString()).ToList();
        return $"这项工作由{lead}牵头{(co.Count > 0 ? $"，{string.Join("、", co)}协办" : "")}，完成时限为“{m.GetProperty("deadline").GetString()}”（{m.GetProperty("ref").GetString()}）。";
    }

    public static string FirstMeasureRef(string toolResult)
    {
        using var json = JsonDocument.Parse(toolResult);
        return json.RootElement.GetProperty("measures")[0].GetProperty("ref").GetString()!;
    }
}

/// <summary>Keeps the app's log lines (formatted) so a test can see why the model's answer was not used.</summary>
public sealed class LogCollector : Microsoft.Extensions.Logging.ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToList();

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCollector collector) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            collector._lines.Enqueue(formatter(state, exception));
    }
}
