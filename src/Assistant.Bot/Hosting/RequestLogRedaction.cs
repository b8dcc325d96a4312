using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Assistant.Bot.Hosting;

/// <summary>
/// ASP.NET Core's request log lines ("Request starting … /stream?t=…") carry the query string, and a Direct Line stream
/// URL carries a token there. Whatever the log levels, the query of Direct Line and operator paths is written as
/// <c>?(redacted)</c>: the logger factory wraps the one category that writes request lines.
/// </summary>
public static partial class RequestLogRedaction
{
    private const string RequestCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private static readonly string[] SensitivePaths = ["/v3/directline", "/operator"];

    public static IServiceCollection AddRequestLogRedaction(this IServiceCollection services)
    {
        var factory = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory));
        if (factory?.ImplementationType is not { } type)
        {
            return services;
        }

        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingFactory((ILoggerFactory)ActivatorUtilities.CreateInstance(sp, type))));
        return services;
    }

    /// <summary>True when a request log's path is one whose query must not be written.</summary>
    internal static bool IsSensitive(string? path) =>
        path is not null && SensitivePaths.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private sealed class RedactingFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName)
        {
            var logger = inner.CreateLogger(categoryName);
            return string.Equals(categoryName, RequestCategory, StringComparison.Ordinal) ? new RedactingLogger(logger) : logger;
        }

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values
                && values.Any(v => v.Key == "QueryString" && v.Value?.ToString() is { Length: > 0 })
                && IsSensitive(values.FirstOrDefault(v => v.Key == "Path").Value?.ToString()))
            {
                inner.Log(logLevel, eventId, new Redacted(values), exception, static (s, _) => s.ToString());
                return;
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }

    /// <summary>The same structured values with the query replaced, and the message formatted from them.</summary>
    private sealed class Redacted(IReadOnlyList<KeyValuePair<string, object?>> original) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly List<KeyValuePair<string, object?>> _values = original
            .Select(v => v.Key == "QueryString" ? new KeyValuePair<string, object?>(v.Key, "?(redacted)") : v)
            .ToList();

        public KeyValuePair<string, object?> this[int index] => _values[index];

        public int Count => _values.Count;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString()
        {
            var template = _values.FirstOrDefault(v => v.Key == "{OriginalFormat}").Value?.ToString() ?? "";
            return Placeholder().Replace(template, m =>
            {
                var value = _values.FirstOrDefault(v => v.Key == m.Groups[1].Value).Value;
                return value is IFormattable formattable && m.Groups[2].Success
                    ? formattable.ToString(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)
                    : value?.ToString() ?? "";
            });
        }
    }

    [GeneratedRegex(@"\{([^{}:]+)(?::([^{}]*))?\}")]
    private static partial Regex Placeholder();
}
