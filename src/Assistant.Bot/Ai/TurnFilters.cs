using Assistant.Index.Ai;
using Microsoft.SemanticKernel;

namespace Assistant.Bot.Ai;

/// <summary>
/// Records every plugin result of one model turn as grounding evidence and hands the model the very JSON that was
/// recorded. A failing plugin gives the model a fixed line, never exception text, and adds no evidence.
/// </summary>
internal sealed class EvidenceRecorder(GroundingEvidence evidence, ILogger logger) : IFunctionInvocationFilter
{
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Plugin function {Plugin}.{Function} failed", context.Function.PluginName, context.Function.Name);
            context.Result = new FunctionResult(context.Function, "查询失败，没有结果。");
            return;
        }

        context.Result = new FunctionResult(context.Result, evidence.Add(context.Result.GetValue<object>()));
    }
}

/// <summary>Stops a model that keeps calling tools: after a few rounds the turn ends without an answer (and falls back).</summary>
internal sealed class ToolRoundLimit : IAutoFunctionInvocationFilter
{
    internal const int MaxRounds = 5;

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        if (context.RequestSequenceIndex >= MaxRounds)
        {
            context.Terminate = true;
            return;
        }

        await next(context);
    }
}
