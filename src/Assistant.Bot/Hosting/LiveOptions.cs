using Microsoft.Extensions.Options;

namespace Assistant.Bot.Hosting;

/// <summary>
/// Options that follow configuration changes (appsettings.json is watched), for settings an operator edits while the
/// server runs, such as the sites allowed to embed the chat. An edit that fails validation is logged and the last valid
/// value stays in force, so a typo never takes the pages down.
/// </summary>
public sealed class LiveOptions<TOptions>(IOptionsMonitor<TOptions> monitor, ILogger<LiveOptions<TOptions>> logger) where TOptions : class
{
    private TOptions? _lastValid;
    private string? _lastError;

    public TOptions Value
    {
        get
        {
            try
            {
                return _lastValid = monitor.CurrentValue;
            }
            catch (OptionsValidationException e) when (_lastValid is not null)
            {
                if (!string.Equals(_lastError, e.Message, StringComparison.Ordinal))
                {
                    _lastError = e.Message;
                    logger.LogError("Changed {Options} settings are not valid and were not applied: {Problem}", typeof(TOptions).Name, e.Message);
                }

                return _lastValid;
            }
        }
    }
}
