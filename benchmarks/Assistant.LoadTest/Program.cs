using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

// Drives a running server over loopback and prints throughput and p50/p99 latency per scenario and concurrency.
// Usage: dotnet run -c Release --project benchmarks/Assistant.LoadTest -- --url http://127.0.0.1:5000
//        [--seconds 5] [--levels 1,16,64] [--api-key KEY] [--dl-secret SECRET] [--questions tests/eval/questions.jsonl]
//        [--only "cache miss"] (scenarios whose name contains it) [--cold] (no warm-up: a fresh server's first seconds)
//        [--distinct-start N] (where the cache-miss questions' counter starts) [--server-pid PID] (its CPU time per request)
// benchmarks/load.sh starts a server with the right settings and runs this against it.
var options = Args.Parse(args);
Distinct.StartAt(options.DistinctStart);
var questions = File.ReadLines(options.Questions)
    .Where(l => l.Trim().Length > 0)
    .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("q").GetString()!)
    .ToArray();
string[] complaints =
[
    "楼下饭馆的油烟每天中午都熏到我家，窗户都不敢开，在德胜门附近。",
    "工地每天晚上十一点以后还在施工，噪音太大，影响休息，地址在月坛南街。",
    "小区门口广场舞音响太响，每晚七点到九点，什刹海附近。",
    "路边渣土车遗撒严重，尘土飞扬，白纸坊一带。",
];

var scenarios = new List<Scenario>
{
    new("bare (/healthz)", (c, i, ct) => c.GetAsync("/healthz", ct)),
    new("/api/ask", (c, i, ct) => c.PostAsJsonAsync("/api/ask", new { question = questions[i % questions.Length] }, ct)),
    new("/api/ask (cache miss)", (c, i, ct) => c.PostAsJsonAsync("/api/ask", new { question = Distinct.Next(questions) }, ct)),
};
if (options.ApiKey is not null)
{
    scenarios.Add(new("/api/hotline/drafts", (c, i, ct) =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/hotline/drafts") { Content = JsonContent.Create(new { complaint = complaints[i % complaints.Length] }) };
        request.Headers.Add("X-Api-Key", options.ApiKey);
        return c.SendAsync(request, ct);
    }));
}

if (options.DirectLineSecret is not null)
{
    scenarios.Add(new("Direct Line round trip", DirectLine.RoundTrip(questions, options.DirectLineSecret), DirectLine.StartConversations(options.DirectLineSecret)));
}

if (options.Only is { } only)
{
    scenarios.RemoveAll(s => !s.Name.Contains(only, StringComparison.Ordinal));
}

Console.WriteLine($"{"scenario",-24} {"clients",7} {"req/s",9} {"p50 ms",8} {"p99 ms",8} {"errors",7}{(options.ServerPid is null ? "" : $" {"server CPU ms/req",18}")}");
var results = new List<(string Scenario, int Clients, double Rps, double P50, double P99)>();
foreach (var scenario in scenarios)
{
    foreach (var clients in options.Levels)
    {
        var r = await Run(options, scenario, clients);
        results.Add((scenario.Name, clients, r.Rps, r.P50, r.P99));
        var cpu = r.ServerCpuMsPerRequest is { } ms ? $" {ms,18:0.000}" : "";
        Console.WriteLine($"{scenario.Name,-24} {clients,7} {r.Rps,9:0} {r.P50,8:0.00} {r.P99,8:0.00} {r.Errors,7}{cpu}");
    }
}

foreach (var clients in options.Levels)
{
    var bare = results.FirstOrDefault(r => r.Scenario.StartsWith("bare", StringComparison.Ordinal) && r.Clients == clients);
    if (bare.Scenario is null)
    {
        continue;
    }

    foreach (var ask in results.Where(r => r.Scenario.StartsWith("/api/ask", StringComparison.Ordinal) && r.Clients == clients))
    {
        Console.WriteLine($"{ask.Scenario} throughput at {clients} clients: {100 * ask.Rps / bare.Rps:0}% of the bare endpoint's");
    }
}

static async Task<(double Rps, double P50, double P99, int Errors, double? ServerCpuMsPerRequest)> Run(Args options, Scenario scenario, int clients)
{
    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    using var http = new HttpClient(handler) { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromSeconds(30) };
    var state = scenario.Setup is null ? null : await scenario.Setup(http, clients);
    // Warm-up (JIT, connections) for one second, not measured. The cache-miss scenario draws every question from one
    // counter across warm-up and levels, so nothing asked before is asked again.
    // --cold skips it: what a server just started manages in its first seconds.
    if (!options.Cold)
    {
        await Measure(scenario, http, state, clients, TimeSpan.FromSeconds(1));
    }

    var cpuBefore = ServerCpu.Milliseconds(options.ServerPid);
    var r = await Measure(scenario, http, state, clients, TimeSpan.FromSeconds(options.Seconds));
    var cpu = ServerCpu.Milliseconds(options.ServerPid) - cpuBefore;
    return (r.Rps, r.P50, r.P99, r.Errors, cpu / r.Count);
}

static async Task<(double Rps, double P50, double P99, int Errors, int Count)> Measure(Scenario scenario, HttpClient http, object? state, int clients, TimeSpan duration)
{
    var latencies = new List<double>[clients];
    var errors = 0;
    var stop = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, clients).Select(async w =>
    {
        latencies[w] = new List<double>();
        var i = w;
        while (stop.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await scenario.Send(new Client(http, w, state), i, CancellationToken.None);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                    Console.Error.WriteLine($"{scenario.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (HttpRequestException e)
            {
                Interlocked.Increment(ref errors);
                Console.Error.WriteLine($"{scenario.Name}: {e.Message}");
            }

            latencies[w].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            i += clients;
        }
    }).ToArray();
    await Task.WhenAll(workers);
    var all = latencies.SelectMany(l => l).Order().ToList();
    return (all.Count / stop.Elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99), errors, all.Count);
}

static double Percentile(List<double> sorted, double p) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

/// <summary>One worker's view: the shared HttpClient, its index, and per-scenario state (Direct Line tokens).</summary>
internal sealed record Client(HttpClient Http, int Worker, object? State)
{
    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken ct) => Http.GetAsync(path, ct);

    public Task<HttpResponseMessage> PostAsJsonAsync<T>(string path, T body, CancellationToken ct) => Http.PostAsJsonAsync(path, body, ct);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) => Http.SendAsync(request, ct);
}

/// <summary>
/// Questions the server has never seen: an eval question with a run of whitespace put after one of its characters.
/// The run spells a counter in base 4 (space, tab, ideographic space, no-break space), so no two are alike however
/// long the run; the answer cache is keyed on the text as sent, and the reader drops whitespace, so each one is a real
/// miss with an ordinary answer. <c>--distinct-start</c> keeps a second run against the same server clear of the first.
/// </summary>
internal static class Distinct
{
    private static readonly char[] Digits = [' ', '\t', '\u3000', '\u00A0'];

    private static long _next;

    public static void StartAt(long n) => _next = n;

    public static string Next(string[] questions)
    {
        var n = Interlocked.Increment(ref _next);
        var q = questions[n % questions.Length];
        var variant = n / questions.Length + 1;
        var run = new System.Text.StringBuilder();
        for (var v = variant; v > 0; v /= Digits.Length)
        {
            run.Append(Digits[v % Digits.Length]);
        }

        // Inside the question (a leading or trailing run would be trimmed), at a place the counter also picks.
        var at = q.Length < 2 ? q.Length : 1 + (int)(variant % (q.Length - 1));
        return string.Concat(q.AsSpan(0, at), run.ToString(), q.AsSpan(at));
    }
}

/// <summary>
/// The server's CPU time (user + system, from /proc) — per request, the cost of a scenario that holds however busy
/// the machine is, where req/s on a shared machine does not.
/// </summary>
internal static class ServerCpu
{
    public static double? Milliseconds(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/stat"))
        {
            return null;
        }

        // Fields 14 and 15 (utime, stime) in clock ticks, after the parenthesised command name.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 1000.0 / TicksPerSecond;
    }

    // USER_HZ: 100 on Linux on every architecture .NET runs on.
    private const double TicksPerSecond = 100;
}

internal sealed record Scenario(string Name, Func<Client, int, CancellationToken, Task<HttpResponseMessage>> Send, Func<HttpClient, int, Task<object?>>? Setup = null);

/// <summary>A Direct Line round trip: post the user's message, poll (from the last watermark, as Web Chat does) until the bot's reply is in.</summary>
internal static class DirectLine
{
    private sealed class Conversation(string id, string token)
    {
        public string Id { get; } = id;

        public string Token { get; } = token;

        public string? Watermark { get; set; }
    }

    private const string BasePath = "/v3/directline";

    /// <summary>One conversation per worker, started with the secret (as a page's server would).</summary>
    public static Func<HttpClient, int, Task<object?>> StartConversations(string secret) => async (http, clients) =>
    {
        var conversations = new Conversation[clients];
        for (var w = 0; w < clients; w++)
        {
            conversations[w] = await Start(http, secret, CancellationToken.None);
        }

        return conversations;
    };

    private static async Task<Conversation> Start(HttpClient http, string secret, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{BasePath}/conversations");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return new(body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!);
    }

    public static Func<Client, int, CancellationToken, Task<HttpResponseMessage>> RoundTrip(string[] questions, string? secret) =>
        async (client, i, ct) =>
        {
            var conversations = (Conversation[])client.State!;
            var conversation = conversations[client.Worker];
            var posted = await Post(client.Http, conversation, questions[i % questions.Length], ct);
            // A conversation holds at most 400 activities (the server's cap): start another, as a page would.
            if (posted.StatusCode == System.Net.HttpStatusCode.Forbidden && secret is not null)
            {
                posted.Dispose();
                conversation = conversations[client.Worker] = await Start(client.Http, secret, ct);
                posted = await Post(client.Http, conversation, questions[i % questions.Length], ct);
            }

            if (!posted.IsSuccessStatusCode)
            {
                return posted;
            }

            var (id, token) = (conversation.Id, conversation.Token);

            var sent = (await posted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString();
            posted.Dispose();
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var from = conversation.Watermark is null ? "" : $"?watermark={conversation.Watermark}";
                using var get = new HttpRequestMessage(HttpMethod.Get, $"{BasePath}/conversations/{id}/activities{from}");
                get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var response = await client.Http.SendAsync(get, ct);
                var set = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                conversation.Watermark = set.TryGetProperty("watermark", out var watermark) ? watermark.GetString() : conversation.Watermark;
                if (set.GetProperty("activities").EnumerateArray().Any(a => a.TryGetProperty("replyToId", out var r) && r.GetString() == sent))
                {
                    return response;
                }

                response.Dispose();
                await Task.Delay(5, ct);
            }

            return new HttpResponseMessage(System.Net.HttpStatusCode.GatewayTimeout);
        };

    private static async Task<HttpResponseMessage> Post(HttpClient http, Conversation conversation, string text, CancellationToken ct)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, $"{BasePath}/conversations/{conversation.Id}/activities")
        {
            Content = JsonContent.Create(new { type = "message", from = new { id = "user" }, text }),
        };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", conversation.Token);
        return await http.SendAsync(post, ct);
    }
}

internal sealed record Args(string Url, int Seconds, int[] Levels, string? ApiKey, string? DirectLineSecret, string Questions, string? Only, bool Cold, long DistinctStart, int? ServerPid)
{
    public static Args Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        string? Optional(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        return new Args(
            Get("--url", "http://127.0.0.1:5000"),
            int.Parse(Get("--seconds", "5"), CultureInfo.InvariantCulture),
            Get("--levels", "1,16,64").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
            Optional("--api-key"),
            Optional("--dl-secret"),
            Get("--questions", "tests/eval/questions.jsonl"),
            Optional("--only"),
            args.Contains("--cold"),
            long.Parse(Get("--distinct-start", "0"), CultureInfo.InvariantCulture),
            Optional("--server-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null);
    }
}
