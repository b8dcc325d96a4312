using Assistant.Bot.Ai;
using Assistant.Bot.Api;
using Assistant.Bot.Channels.BotFramework;
using Assistant.Bot.Channels.DirectLine;
using Assistant.Bot.Cli;
using Assistant.Bot.Conversations;
using Assistant.Bot.Hosting;
using Assistant.Bot.Hotline;
using Assistant.Bot.Progress;
using Assistant.Bot.Security;
using Assistant.Bot.Storage;
using Assistant.Bot.Widget;

// `ask`, `eval`, `knowledge …` run the command line; anything else runs the server.
if (AssistantCli.Handles(args))
{
    return AssistantCli.Run(args);
}

// The app's own files next to it; the data folder relative to the current directory (AppPaths).
var builder = AppPaths.CreateBuilder(args);

// The plan: knowledge, Lucene index and answer engine, loaded and warmed before the first request.
builder.Services.AddPlanKnowledge();

// One conversation service that every channel calls.
builder.Services.AddConversations();

// Semantic Kernel plugins over the plan; the optional language model (Assistant:Llm) under the grounding check.
builder.Services.AddAssistantKernel();

// The embedded SQLite database in the data folder, or PostgreSQL (ConnectionStrings:Postgres) for several instances.
builder.Services.AddStorage();

// The 12345 hotline: complaint triage, reply drafts and their store.
builder.Services.AddHotline();

// Staff: monthly progress reports (按月报送), unit keys and calendars, the /staff page.
builder.Services.AddProgress();

// Teams / Azure Bot Service: POST /api/messages, authenticated, answered after acknowledging.
builder.Services.AddBotFramework();

// Direct Line 3.0 for Web Chat (tokens, conversations in the database, WebSocket stream), and the public page and widget on it.
builder.Services.AddDirectLine();
builder.Services.AddPublicWidget();

// problem+json for every error response, never exception text.
builder.Services.AddProblemDetails();

// Per-IP rate limits for public endpoints (a partition of their own for authenticated clients) and a request body cap.
builder.Services.AddPublicLimits();

// Metrics (questions by intent, unanswered, latency, fallbacks, HTTP): /metrics for admins, OTLP when configured.
builder.Services.AddAssistantTelemetry(builder.Configuration);

// Roles (citizen, staff, operator, admin): API keys, OIDC bearer tokens, the operator page's session; a policy per role.
builder.Services.AddAssistantSecurity();

// The API described: /openapi/v1.json and its reference page /scalar/.
builder.Services.AddApiDocument();

var app = builder.Build();

app.UseExceptionHandler();
app.UseSecurityHeaders();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
// The plan loads while the server starts: until it has, requests wait for it (health and readiness answer at once).
app.UseWaitForPlan();
app.UseWebSockets();
app.UseCors();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapAskApi();
app.MapPlanApi();
app.MapHotlineApi();
app.MapProgress();
app.MapOperatorPage();
app.MapBotFrameworkApi();
app.MapDirectLine();
app.MapWidgetApi();
app.MapPublicPages();
app.MapHealth();
app.MapMetrics();
app.MapApiDocument();

app.Run();
return 0;
