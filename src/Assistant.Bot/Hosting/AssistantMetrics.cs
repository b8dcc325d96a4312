using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Assistant.Bot.Hosting;

/// <summary>
/// The assistant's counters (meter "Assistant"): questions by intent, unanswered questions, answer latency and
/// fallbacks from the optional model. Exported by <see cref="Telemetry"/> (/metrics, OTLP); dotnet-counters reads them too.
/// </summary>
public sealed class AssistantMetrics : IDisposable
{
    public const string MeterName = "Assistant";

    private readonly Meter _meter;
    private readonly Counter<long> _questions;
    private readonly Counter<long> _unanswered;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _fallbacks;

    public AssistantMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _questions = _meter.CreateCounter<long>("assistant.questions", description: "Questions answered, by intent and channel.");
        _unanswered = _meter.CreateCounter<long>("assistant.questions.unanswered", description: "Questions with no basis in the plan.");
        // Buckets for a sub-millisecond engine (cached answers) up to a language model's seconds.
        _latency = _meter.CreateHistogram<double>("assistant.answer.duration", unit: "ms", description: "Time to answer a question.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000, 2500, 10000] });
        _fallbacks = _meter.CreateCounter<long>("assistant.model.fallbacks", description: "Model answers replaced by the deterministic answer, by reason.");
    }

    public void Answered(string intent, bool noAnswer, double milliseconds, string channel)
    {
        var tags = new TagList { { "intent", intent }, { "channel", channel } };
        _questions.Add(1, tags);
        if (noAnswer)
        {
            _unanswered.Add(1, tags);
        }

        _latency.Record(milliseconds, tags);
    }

    public void ModelFallback(string reason) => _fallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Dispose() => _meter.Dispose();
}
