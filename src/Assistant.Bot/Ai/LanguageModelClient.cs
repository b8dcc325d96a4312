using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;

namespace Assistant.Bot.Ai;

/// <summary>The chat completion service for the configured OpenAI-compatible endpoint, created on first use.</summary>
internal sealed class LanguageModelClient : IDisposable
{
    private readonly Lazy<(HttpClient Http, IChatCompletionService Chat)> _client;

    public LanguageModelClient(IOptions<LanguageModelOptions> options, ILoggerFactory loggers)
    {
        _client = new(() => Create(options.Value, loggers));
    }

    public IChatCompletionService Chat => _client.Value.Chat;

    private static (HttpClient, IChatCompletionService) Create(LanguageModelOptions options, ILoggerFactory loggers)
    {
        // The turn's own timeout governs (tool rounds included), so the HTTP layer gets none of its own.
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var client = new OpenAIClient(
            new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "unused" : options.ApiKey),
            new OpenAIClientOptions
            {
                Endpoint = new Uri(options.Endpoint!),
                Transport = new HttpClientPipelineTransport(http),
                // A retry after a 429 or 500 would outlast the person waiting; the rules' answer is sent instead.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = Timeout.InfiniteTimeSpan,
            });
        return (http, new OpenAIChatCompletionService(options.Model!, client, loggers));
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Http.Dispose();
        }
    }
}
