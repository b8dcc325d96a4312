using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.BotFramework;
using Assistant.Bot.Tests.DirectLine;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.Security;

/// <summary>
/// Throws malformed JSON, wrong types, huge, binary and invalid UTF-8 bodies, deeply nested JSON and random activities
/// at every endpoint the server maps, with every kind of credential: no 5xx, no request over its time limit, and the
/// server still answers afterwards. Deterministic (fixed seeds) and bounded in count and time.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(10);

    /// <summary>Limits high enough that the fuzz reaches the handlers instead of the rate limiter.</summary>
    private static Dictionary<string, string?> Settings() => DirectLineTestClient.Settings(
        ("Assistant:Limits:PerIpPerMinute", "1000000"),
        ("Assistant:Limits:LoginsPerMinute", "1000000"),
        ("Assistant:Limits:PerConversationPerMinute", "1000000"),
        ("DirectLine:MessagesPerMinute", "10000"),
        ("DirectLine:TokensPerMinute", "10000"));

    [Fact]
    public async Task Every_endpoint_survives_garbage_on_a_loopback_kestrel()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var app = new AssistantApplication(Settings());
        var server = app.StartOnLoopback();
        var routes = Routes(app);

        await FuzzAsync(server, routes, connector.ServiceUrl, seed: 20240607, count: 3000, budget: TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task The_server_process_stays_up_under_garbage()
    {
        await using var connector = await FakeConnector.StartAsync();
        List<Route> routes;
        await using (var inventory = new AssistantApplication(Settings()))
        {
            using var _ = inventory.CreateClient();
            routes = Routes(inventory);
        }

        var data = Directory.CreateTempSubdirectory("assistant-fuzz-").FullName;
        await using (var server = await ServerProcess.StartAsync(data,
            Settings().Append(new("Assistant:OperatorApiKey", AssistantApplication.OperatorKey)).Select(s => $"--{s.Key}={s.Value}").ToArray()))
        {
            try
            {
                await FuzzAsync(server.Address, routes, connector.ServiceUrl, seed: 7, count: 1000, budget: TimeSpan.FromSeconds(60));
            }
            finally
            {
                output.WriteLine(server.Output);
            }

            Assert.False(server.HasExited, server.Output);
        }

        Directory.Delete(data, recursive: true);
    }

    private sealed record Route(string Method, string Pattern);

    private static List<Route> Routes(AssistantApplication app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new Route(m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Concat([new Route("GET", "/"), new Route("GET", "/embed.html"), new Route("GET", "/widget.js"), new Route("POST", "/no-such-endpoint")])
            .Distinct()
            .ToList();

    private async Task FuzzAsync(Uri server, List<Route> routes, string serviceUrl, int seed, int count, TimeSpan budget)
    {
        var random = new Random(seed);
        using var client = new HttpClient { BaseAddress = server, Timeout = PerRequest };
        var dl = new DirectLineTestClient(client);
        var (conversationId, token, _) = await dl.StartAsync();
        var garbage = new Garbage(random, serviceUrl);
        var statuses = new Dictionary<int, int>();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var previous = "";
        for (; sent < count && clock.Elapsed < budget; sent++)
        {
            var route = routes[random.Next(routes.Count)];
            var path = garbage.Path(route.Pattern, conversationId) + garbage.Query();
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
            garbage.Credentials(request, token);
            if (route.Method is "POST" or "PUT" || random.Next(10) == 0)
            {
                request.Content = garbage.Body(route.Pattern);
                // Some bodies are chunked (no Content-Length): the server learns their size only while reading.
                request.Headers.TransferEncodingChunked = request.Content is StreamContent;
                // Kestrel closes a connection whose oversized body it did not read (the smallest endpoint limit is the
                // login's 4 KB); not reusing it keeps the next request from racing that close.
                request.Headers.ConnectionClose = request.Content is StreamContent || request.Content.Headers.ContentLength > 4 * 1024;
            }

            var description = $"(after {previous}) #{sent} {route.Method} {path} ({request.Content?.Headers.ContentType}, {request.Content?.Headers.ContentLength ?? 0} bytes)";
            HttpStatusCode status;
            try
            {
                using var response = await client.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                status = response.StatusCode;
            }
            catch (TaskCanceledException)
            {
                Assert.Fail($"No answer within {PerRequest.TotalSeconds} s: {description}");
                return;
            }
            catch (HttpRequestException) when (request.Content?.Headers.ContentLength > 256 * 1024 || request.Content is StreamContent)
            {
                // The server may close the connection on a body over its limit before reading it all: a refusal, not a failure.
                continue;
            }
            catch (HttpRequestException e)
            {
                Assert.Fail($"{e.Message} ({e.InnerException?.Message}) for {description}");
                return;
            }

            previous = $"{(int)status} {route.Method} {route.Pattern} {request.Content?.Headers.ContentLength}";
            statuses[(int)status] = statuses.GetValueOrDefault((int)status) + 1;
            // The one 5xx by design: an invoke nobody handles is 501, as the Bot Framework SDK answers it.
            var designed = status == HttpStatusCode.NotImplemented && route.Pattern.StartsWith("/api/messages", StringComparison.Ordinal);
            Assert.True((int)status < 500 || designed, $"{(int)status} for {description}");
        }

        output.WriteLine($"{sent} requests in {clock.ElapsedMilliseconds} ms: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.True(sent >= Math.Min(count, 100), $"only {sent} requests in the time budget");

        // Still up, still right.
        using var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var ask = await client.PostAsync("/api/ask", new StringContent("""{"question":"餐饮油烟归哪个部门管"}""", Encoding.UTF8, "application/json"));
        Assert.Contains("区生态环境局", await ask.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var drafts = new HttpRequestMessage(HttpMethod.Get, "/api/hotline/drafts");
        drafts.Headers.Add("X-Api-Key", AssistantApplication.OperatorKey);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(drafts)).StatusCode);
    }

    /// <summary>The generators: every choice comes from the seeded Random, so a failure replays exactly.</summary>
    private sealed class Garbage(Random random, string serviceUrl)
    {
        private static readonly string[] Words =
        [
            "餐饮油烟归哪个部门管", "诉求：德胜街道楼下烧烤油烟大", "<script>alert(1)</script>", "[x](javascript:alert(1))", "'; DROP TABLE x;--",
            "附件1-15", "附件99-99-99", "\u0000\u0001\u001f", "🙂🙃", "\ud83d", "园林局", "   ", "", "../../etc/passwd", "%00", "null",
        ];

        public string Path(string pattern, string conversationId)
        {
            var segments = pattern.Split('/');
            for (var i = 0; i < segments.Length; i++)
            {
                if (segments[i].StartsWith("{**", StringComparison.Ordinal))
                {
                    segments[i] = Pick(["", "index.html", "operator.js", "../appsettings.json", "a/b/c", "%2e%2e%2f%2e%2e%2fProgram.cs"]);
                }
                else if (segments[i].StartsWith('{'))
                {
                    segments[i] = random.Next(3) == 0 ? conversationId : Uri.EscapeDataString(Text(200));
                }
            }

            return string.Join('/', segments);
        }

        public string Query()
        {
            if (random.Next(3) == 0)
            {
                return "";
            }

            string[] keys = ["watermark", "limit", "month", "q", "street", "category", "from", "to", "status", "t", "id"];
            return "?" + string.Join('&', Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => $"{Pick(keys)}={Uri.EscapeDataString(Pick(["-1", "99999999999999999999", "2024-13", "abc", "0", "", Text(50),
                    "9999-12", "0001-01", "9999-12-31", "0001-01-01", "10000-01", "2024-02-30"]))}"));
        }

        public void Credentials(HttpRequestMessage request, string token)
        {
            switch (random.Next(7))
            {
                case 0:
                    request.Headers.TryAddWithoutValidation("X-Api-Key", AssistantApplication.OperatorKey);
                    break;
                case 1:
                    request.Headers.TryAddWithoutValidation("X-Api-Key", Ascii(80));
                    break;
                case 2:
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    break;
                case 3:
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DirectLineTestClient.Secret);
                    break;
                case 4:
                    request.Headers.TryAddWithoutValidation("Authorization", Pick(["Bearer ", "Bearer a.b.c", "Basic Zm9vOmJhcg==", "Bearer " + new string('x', 5000)]));
                    break;
                case 5:
                    request.Headers.TryAddWithoutValidation("Cookie", "__Host-assistant-operator=" + Ascii(100));
                    break;
            }
        }

        public HttpContent Body(string pattern)
        {
            if (random.Next(25) == 0)
            {
                // Over the server's 256 KB cap, chunked.
                var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"text\":\"" + new string('x', 300 * 1024) + "\"}")));
                chunked.Headers.TryAddWithoutValidation("Content-Type", "application/json");
                return chunked;
            }

            if (random.Next(8) == 0)
            {
                var duplicated = new ByteArrayContent(DuplicateKeys(Valid(pattern)));
                duplicated.Headers.TryAddWithoutValidation("Content-Type", "application/json");
                return duplicated;
            }

            var bytes = random.Next(10) switch
            {
                0 => Truncated(Valid(pattern)),
                1 => Encoding.UTF8.GetBytes(WrongTypes(pattern)),
                2 => RandomBytes(random.Next(1, 4096)),
                3 => InvalidUtf8(Valid(pattern)),
                4 => Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)),
                5 => Encoding.UTF8.GetBytes(Huge()),
                6 or 7 => Encoding.UTF8.GetBytes(RandomActivity().ToJsonString()),
                8 => Array.Empty<byte>(),
                _ => Valid(pattern),
            };
            var content = new ByteArrayContent(bytes);
            var type = Pick(["application/json", "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]);
            if (type.Length > 0)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", type);
            }

            return content;
        }

        private byte[] Valid(string pattern) => Encoding.UTF8.GetBytes(pattern switch
        {
            _ when pattern.Contains("hotline", StringComparison.Ordinal) => JsonSerializer.Serialize(new { complaint = Text(300), draft = Text(300), status = Pick(["edited", "sent", "draft", "x"]), revision = random.Next(-2, 5) }),
            _ when pattern.Contains("directline", StringComparison.Ordinal) || pattern.Contains("messages", StringComparison.Ordinal) => RandomActivity().ToJsonString(),
            _ when pattern.Contains("login", StringComparison.Ordinal) => JsonSerializer.Serialize(new { key = Text(60) }),
            _ => JsonSerializer.Serialize(new { question = Text(300), conversationId = Text(40) }),
        });

        private string WrongTypes(string pattern) => Pick(
        [
            """{"question": 42, "conversationId": {"a": 1}}""", """{"complaint": ["油烟"], "receivedAt": true}""", """{"draft": null, "status": 7, "revision": "two"}""",
            """{"key": 12345}""", """{"type": 5, "text": {"x": 1}, "from": "me", "conversation": [], "serviceUrl": 1}""", "[]", "\"just a string\"", "123",
            """{"receivedAt": "9999-99-99T99:99:99Z", "complaint": "油烟"}""", """{"revision": 1e400, "draft": "x", "status": "edited"}""",
        ]);

        /// <summary>The object's first key once more, with another value: {"type":"message", …} → {"type":7,"type":"message", …}.</summary>
        private byte[] DuplicateKeys(byte[] json)
        {
            var text = Encoding.UTF8.GetString(json);
            if (JsonNode.Parse(text) is not JsonObject { Count: > 0 } body)
            {
                return json;
            }

            var key = body.ElementAt(random.Next(body.Count)).Key;
            var value = Pick(["7", "null", "\"event\"", "{}", "[]", JsonSerializer.Serialize(Text(20))]);
            return Encoding.UTF8.GetBytes($"{{{JsonSerializer.Serialize(key)}:{value},{text[1..]}");
        }

        private string Huge() => "{\"question\":\"" + new string('油', random.Next(2) == 0 ? 100_000 : 20_000) + "\"}";

        /// <summary>An activity-shaped object with any mix of fields, types and values; serviceUrls only ever point at loopback.</summary>
        private JsonObject RandomActivity()
        {
            var activity = new JsonObject();
            if (random.Next(8) > 0)
            {
                activity["type"] = random.Next(5) == 0 ? JsonValue.Create(random.Next()) : Pick(["message", "message", "conversationUpdate", "typing", "invoke", "event", "messageReaction", Text(20)]);
            }

            if (random.Next(4) > 0)
            {
                activity["text"] = random.Next(6) == 0 ? new JsonArray(1, 2) : Text(random.Next(2) == 0 ? 80 : 2000);
            }

            if (random.Next(4) > 0)
            {
                activity["serviceUrl"] = Pick([serviceUrl, serviceUrl, "http://127.0.0.1:9/", "not a url", "ftp://127.0.0.1/", ""]);
            }

            activity["channelId"] = Pick(["msteams", "directline", "webchat", Text(10)]);
            activity["id"] = Text(30);
            if (random.Next(4) > 0)
            {
                activity["conversation"] = random.Next(6) == 0 ? JsonValue.Create("flat")
                    : new JsonObject { ["id"] = Text(40), ["conversationType"] = Pick(["personal", "groupChat", "channel", Text(5)]), ["tenantId"] = Text(36) };
            }

            if (random.Next(3) > 0)
            {
                activity["from"] = new JsonObject { ["id"] = Text(40), ["aadObjectId"] = new Guid(RandomBytes(16)).ToString(), ["name"] = Text(200) };
            }

            activity["recipient"] = new JsonObject { ["id"] = Text(20) };
            if (random.Next(3) == 0)
            {
                activity["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["mentioned"] = new JsonObject { ["id"] = Text(10) }, ["text"] = Text(30) });
            }

            if (random.Next(3) == 0)
            {
                activity["value"] = random.Next(2) == 0 ? new JsonObject { ["question"] = Text(100), ["fullText"] = true } : JsonValue.Create(Text(10));
            }

            if (random.Next(3) == 0)
            {
                activity["channelData"] = new JsonObject { ["tenant"] = random.Next(2) == 0 ? new JsonObject { ["id"] = Text(36) } : JsonValue.Create(3), ["clientActivityID"] = Text(20) };
            }

            if (random.Next(4) == 0)
            {
                activity["attachments"] = new JsonArray(new JsonObject { ["contentType"] = Text(20), ["content"] = Text(100) });
            }

            if (random.Next(4) == 0)
            {
                activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = Text(20) });
            }

            return activity;
        }

        private string Text(int maxLength)
        {
            var builder = new StringBuilder();
            var length = random.Next(maxLength + 1);
            while (builder.Length < length)
            {
                builder.Append(random.Next(4) switch
                {
                    0 => Pick(Words),
                    1 => (char)random.Next(0x4E00, 0x9FA5),
                    2 => (char)random.Next(0x20, 0x7F),
                    _ => (char)random.Next(0, 0xFFFF),
                });
            }

            return builder.ToString();
        }

        /// <summary>Printable ASCII: what HTTP headers can carry.</summary>
        private string Ascii(int maxLength) => new(Enumerable.Range(0, random.Next(1, maxLength + 1)).Select(_ => (char)random.Next(0x21, 0x7F)).ToArray());

        private byte[] Truncated(byte[] json) => json.AsSpan(0, random.Next(json.Length)).ToArray();

        private byte[] InvalidUtf8(byte[] json)
        {
            var bytes = json.ToList();
            bytes.InsertRange(random.Next(bytes.Count + 1), Pick<byte[]>([[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF0, 0x28, 0x8C]]));
            return bytes.ToArray();
        }

        private byte[] RandomBytes(int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        private T Pick<T>(IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];
    }
}
