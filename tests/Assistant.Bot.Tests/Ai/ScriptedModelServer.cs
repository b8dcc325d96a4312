using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.BotFramework;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Assistant.Bot.Tests.Ai;

/// <summary>
/// A loopback OpenAI-compatible chat completions endpoint (Kestrel on 127.0.0.1, any free port). Each test scripts
/// its replies in order: a tool call, an answer (fixed or computed from the request so far), an HTTP error or a
/// stall. Every request body is kept for assertions. It tests the wire protocol and our logic, not a model.
/// </summary>
public sealed class ScriptedModelServer : LoopbackServer
{
    private readonly ConcurrentQueue<Func<JsonElement, HttpContext, Task>> _steps = new();
    private readonly ConcurrentQueue<JsonElement> _requests = new();

    private ScriptedModelServer()
    {
    }

    /// <summary>The base URL to configure as Assistant:Llm:Endpoint.</summary>
    public string Endpoint => BaseUrl + "/v1";

    public IReadOnlyList<JsonElement> Requests => _requests.ToList();

    public static async Task<ScriptedModelServer> StartAsync()
    {
        var server = new ScriptedModelServer();
        await server.ListenAsync();
        return server;
    }

    protected override void Map(IEndpointRouteBuilder routes) => routes.MapPost("/v1/chat/completions", HandleAsync);

    /// <summary>Settings that point the assistant at this server.</summary>
    public Dictionary<string, string?> Settings(int timeoutSeconds = 10) => new()
    {
        ["Assistant:Llm:Endpoint"] = Endpoint,
        ["Assistant:Llm:Model"] = "scripted",
        ["Assistant:Llm:ApiKey"] = "test-key",
        ["Assistant:Llm:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The model asks to call a tool ("plan-search_measures") with these arguments.</summary>
    public ScriptedModelServer CallsTool(string tool, object arguments) => Then((_, context) =>
        WriteAsync(context, new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = "call_" + Guid.NewGuid().ToString("n")[..8],
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = tool, ["arguments"] = JsonSerializer.Serialize(arguments) },
            }),
        }, "tool_calls"));

    /// <summary>The model answers with this text.</summary>
    public ScriptedModelServer Answers(string content) => Answers(_ => content);

    /// <summary>The model answers with a text made from the request (e.g. from the tool results it was given).</summary>
    public ScriptedModelServer Answers(Func<JsonElement, string> content) => Then((request, context) =>
        WriteAsync(context, new JsonObject { ["role"] = "assistant", ["content"] = content(request) }, "stop"));

    public ScriptedModelServer Fails(HttpStatusCode status) => Then(async (_, context) =>
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"error":{"message":"scripted failure","type":"server_error","code":null}}""");
    });

    public ScriptedModelServer SendsGarbage() => Then(async (_, context) =>
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"choices\": [ this is not json");
    });

    /// <summary>The model takes this long (or until the client gives up) before answering.</summary>
    public ScriptedModelServer Stalls(TimeSpan delay, string content) => Then(async (request, context) =>
    {
        await Task.Delay(delay, context.RequestAborted);
        await WriteAsync(context, new JsonObject { ["role"] = "assistant", ["content"] = content }, "stop");
    });

    private ScriptedModelServer Then(Func<JsonElement, HttpContext, Task> step)
    {
        _steps.Enqueue(step);
        return this;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted)).RootElement.Clone();
        _requests.Enqueue(request);
        if (!_steps.TryDequeue(out var step))
        {
            context.Response.StatusCode = StatusCodes.Status418ImATeapot;
            return;
        }

        try
        {
            await step(request, context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (the timeout test); nothing left to send.
        }
    }

    private static Task WriteAsync(HttpContext context, JsonObject message, string finishReason)
    {
        var body = new JsonObject
        {
            ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("n")[..12],
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = "scripted",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 10, ["total_tokens"] = 20 },
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}

/// <summary>Reads what the assistant sent to the model.</summary>
public static class ChatRequests
{
    public static IReadOnlyList<string> ToolNames(this JsonElement request) =>
        request.TryGetProperty("tools", out var tools)
            ? tools.EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()!).ToList()
            : [];

    public static IReadOnlyList<JsonElement> Messages(this JsonElement request, string role) =>
        request.GetProperty("messages").EnumerateArray().Where(m => m.GetProperty("role").GetString() == role).ToList();

    /// <summary>The content of the last tool message: the JSON a plugin returned, as the model was given it.</summary>
    public static string LastToolResult(this JsonElement request) => Content(request.Messages("tool")[^1]);

    public static string Content(JsonElement message)
    {
        var content = message.GetProperty("content");
        return content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Concat(content.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
    }
}
