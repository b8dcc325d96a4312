using System.ClientModel;
using System.Diagnostics;
using System.Net;
using Assistant.Bot.Hosting;
using Assistant.Index;
using Assistant.Index.Ai;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Assistant.Bot.Ai;

/// <summary>A model's text that passed the grounding check, what the check read in it, and the records its turn returned.</summary>
internal sealed record GroundedReply(string Text, GroundingVerdict Verdict, IReadOnlyList<object> Records);

/// <summary>
/// How one turn is held to the records: records the model is handed in its message (checked like tool results), whether
/// its text must cite a reference, and a further check (returns why the text cannot be used, or null).
/// </summary>
internal sealed record GroundedTurn(
    IReadOnlyList<object>? SeedRecords = null,
    bool RequireReference = true,
    Func<string, string?>? Accept = null,
    string AcceptReason = "rejected")
{
    public IReadOnlyList<object> Seed => SeedRecords ?? [];
}

/// <summary>
/// One model turn under this project's rules: the role's plugins and nothing else, every plugin result recorded,
/// one time limit for the whole turn, and the grounding check on the text. Whenever the text cannot be used (error,
/// timeout, 429, 5xx, no text, a fact not in the records) it logs why, counts it, and returns null.
/// </summary>
internal sealed class GroundedModel(
    LanguageModelClient client,
    AssistantKernels kernels,
    LivePlan plan,
    GroundingCheck check,
    AssistantMetrics metrics,
    IOptions<LanguageModelOptions> options,
    ILogger<GroundedModel> logger)
{
    public bool IsConfigured => options.Value.IsConfigured;

    public Task<GroundedReply?> AskAsync(AssistantRole role, string systemPrompt, string userMessage, CancellationToken cancellationToken) =>
        AskAsync(role, systemPrompt, userMessage, new GroundedTurn(), cancellationToken);

    /// <summary>
    /// A turn with records given up front (<see cref="GroundedTurn.Seed"/>: what the user message hands the model),
    /// optionally without the need to cite a reference, and a further check the text must pass (null: it passes).
    /// </summary>
    public async Task<GroundedReply?> AskAsync(AssistantRole role, string systemPrompt, string userMessage, GroundedTurn turnRules, CancellationToken cancellationToken)
    {
        var evidence = GroundingEvidence.ForPlan(plan.Current.Knowledge.Plan);
        foreach (var record in turnRules.Seed)
        {
            evidence.Add(record);
        }

        var kernel = kernels.Create(role);
        kernel.FunctionInvocationFilters.Add(new EvidenceRecorder(evidence, logger));
        kernel.AutoFunctionInvocationFilters.Add(new ToolRoundLimit());
        var history = new ChatHistory(systemPrompt);
        history.AddUserMessage(userMessage);
        // No token limit: not every compatible server knows max_completion_tokens; the turn's timeout bounds it.
        var settings = new OpenAIPromptExecutionSettings
        {
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(),
            Temperature = 0,
        };

        using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        turn.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        var started = Stopwatch.GetTimestamp();
        string? text;
        try
        {
            var reply = await client.Chat.GetChatMessageContentAsync(history, settings, kernel, turn.Token);
            text = reply.Role == AuthorRole.Assistant ? reply.Content : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fallback("timeout", $"no answer within {options.Value.TimeoutSeconds} s");
        }
        catch (HttpOperationException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Fallback(ReasonFor((int?)ex.StatusCode), $"HTTP {(int?)ex.StatusCode}");
        }
        catch (ClientResultException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Fallback(ReasonFor(ex.Status), $"HTTP {ex.Status}");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Model call failed");
            return Fallback("error", ex.GetType().Name);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Fallback("no_text", "the model gave no answer text");
        }

        var verdict = check.Check(text, evidence, turnRules.RequireReference);
        if (!verdict.Grounded)
        {
            return Fallback("ungrounded", string.Join("; ", verdict.Problems));
        }

        if (turnRules.Accept?.Invoke(text.Trim()) is { } refusal)
        {
            return Fallback(turnRules.AcceptReason, refusal);
        }

        logger.LogInformation("Model answer used ({Ms} ms), citing {Refs}",
            (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, string.Join(",", verdict.CitedRefs));
        return new GroundedReply(text.Trim(), verdict, evidence.Records);
    }

    private static string ReasonFor(int? status) => status switch
    {
        (int)HttpStatusCode.TooManyRequests => "rate_limited",
        >= 500 => "server_error",
        _ => "http_error",
    };

    private GroundedReply? Fallback(string reason, string detail)
    {
        logger.LogWarning("Model answer not used ({Reason}: {Detail}); the rules' answer is sent", reason, detail);
        metrics.ModelFallback(reason);
        return null;
    }
}
