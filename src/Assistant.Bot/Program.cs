using Assistant.Bot.Ai;
using Assistant.Bot.Api;
using Assistant.Bot.Cli;
using Assistant.Bot.Conversations;
using Assistant.Bot.Hosting;
using Assistant.Bot.Storage;

// `ask`, `eval`, `knowledge …` run the command line; anything else runs the server.
if (AssistantCli.Handles(args))
{
    return AssistantCli.Run(args);
}

var builder = WebApplication.CreateBuilder(args);

// The plan: knowledge, Lucene index and answer engine, loaded and warmed before the first request.
builder.Services.AddPlanKnowledge();

// One conversation service that every channel calls.
builder.Services.AddConversations();

// Semantic Kernel plugins over the plan; the optional language model (Assistant:Llm) under the grounding check.
builder.Services.AddAssistantKernel();

// The embedded SQLite database in the data folder; features register their schema.
builder.Services.AddSqliteStorage();

// problem+json for every error response, never exception text.
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapAskApi();
app.MapPlanApi();
app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).ExcludeFromDescription();

app.Run();
return 0;
