using System.Collections.Concurrent;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Assistant.Index.Search;

namespace Assistant.Index.Understanding;

/// <summary>A measure and the classifier's probability that a topic is about it.</summary>
public sealed record ClassifiedMeasure(string Ref, double Probability);

/// <summary>
/// A multinomial logistic regression over character unigrams and bigrams that tells the measures apart, trained at start-up
/// on the curated words only: each measure's alternate questions, its concepts (plan and everyday words) and the clauses of
/// its own text. The indexes score how much a measure shares with a question; this learns which words tell sibling
/// measures apart (充电桩 in a residential compound vs at the roadside), which similarity alone cannot weigh.
/// Deterministic: a fixed shuffle and a single thread, so the same knowledge gives the same model.
/// </summary>
public sealed class MeasureClassifier
{
    // Fitted on the everyday development sets (not on any untouched set): these gave the best first measure with the
    // fewest epochs (6 ranked as well as 10 and 15). Each epoch costs start-up time.
    private const int Epochs = 6;
    private const float LearningRate = 0.2f;
    private const float L2 = 1e-4f;

    /// <summary>
    /// A class whose probability is off by less than this is left alone: AdaGrad would blow such a tiny gradient up into a
    /// full step for a rarely updated weight (updating every class lost 12 right first measures on the development sets).
    /// </summary>
    private const float NegligibleGradient = 1e-3f;

    /// <summary>Weights this small are dropped after training: faster scoring, same ranking.</summary>
    private const float NegligibleWeight = 1e-3f;

    private readonly string[] _refs;
    private readonly Dictionary<string, (int[] Classes, float[] Weights)> _features;
    private readonly float[] _bias;

    private MeasureClassifier(string[] refs, Dictionary<string, (int[], float[])> features, float[] bias)
    {
        _refs = refs;
        _features = features;
        _bias = bias;
    }

    /// <summary>An untrained classifier: no evidence for any measure (knowledge without everyday words).</summary>
    public static readonly MeasureClassifier Empty = new([], [], []);

    // Trained models by their examples' hash: a reload after an approved split correction, or another host in the same
    // process (the tests start many), keeps the curated words and so the model. Training is deterministic, so reuse is exact.
    private static readonly ConcurrentDictionary<string, Lazy<MeasureClassifier>> Trained = new(StringComparer.Ordinal);

    /// <summary>The model for these examples: trained once per process for each distinct set of examples.</summary>
    public static MeasureClassifier For(IReadOnlyList<(string Ref, string Text)> examples)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (reference, text) in examples)
        {
            // Each string ended by a character no example holds: ("ab","c") and ("a","bc") hash apart.
            hash.AppendData(Encoding.UTF8.GetBytes($"{reference}\0{text}\0"));
        }

        var key = Convert.ToHexString(hash.GetHashAndReset());
        return Trained.GetOrAdd(key, _ => new Lazy<MeasureClassifier>(() => Train(examples))).Value;
    }

    /// <summary>Trains on each measure's curated words: alternate questions (as their topics), concepts and text clauses.</summary>
    public static MeasureClassifier Train(IReadOnlyList<(string Ref, string Text)> examples)
    {
        var refs = examples.Select(e => e.Ref).Distinct(StringComparer.Ordinal).ToArray();
        if (refs.Length == 0)
        {
            return Empty;
        }

        var classOf = refs.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i, StringComparer.Ordinal);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var inputs = examples
            .Select(e => (Features: Features(e.Text).Select(f => vocabulary.TryGetValue(f, out var v) ? v : vocabulary[f] = vocabulary.Count).ToArray(),
                Class: classOf[e.Ref]))
            .Where(e => e.Features.Length > 0)
            .ToArray();

        int k = refs.Length;
        // Weights by feature, then class: a feature's row of classes is contiguous, so scoring adds whole rows (SIMD).
        var weights = new float[vocabulary.Count * k];
        var squares = new float[vocabulary.Count * k];
        var bias = new float[k];
        var p = new float[k];
        var order = Enumerable.Range(0, inputs.Length).ToArray();
        var random = new Random(1);
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var n in order)
            {
                var (x, y) = inputs[n];
                var norm = (float)(1 / Math.Sqrt(x.Length));
                Scores(x, norm, weights, bias, p);
                Normalize(p);
                // The gradient of the log loss for each class, already scaled as the features are.
                for (var c = 0; c < k; c++)
                {
                    p[c] = (p[c] - (c == y ? 1 : 0)) * norm;
                }

                foreach (var f in x)
                {
                    Update(weights.AsSpan(f * k, k), squares.AsSpan(f * k, k), p, NegligibleGradient * norm);
                }
            }
        }

        var features = new Dictionary<string, (int[], float[])>(vocabulary.Count, StringComparer.Ordinal);
        foreach (var (feature, f) in vocabulary)
        {
            var classes = Enumerable.Range(0, k).Where(c => Math.Abs(weights[f * k + c]) >= NegligibleWeight).ToArray();
            if (classes.Length > 0)
            {
                features[feature] = (classes, classes.Select(c => weights[f * k + c]).ToArray());
            }
        }

        return new MeasureClassifier(refs, features, bias);
    }

    /// <summary>
    /// One AdaGrad step on a feature's row of class weights, with L2 decay: each weight's step shrinks with the squares of
    /// its past gradients, so rare features (a measure's own words) keep learning after common ones settle.
    /// </summary>
    private static void Update(Span<float> weights, Span<float> squares, ReadOnlySpan<float> gradient, float negligible)
    {
        var i = 0;
        var threshold = new Vector<float>(negligible);
        var rate = new Vector<float>(LearningRate);
        var decay = new Vector<float>(L2);
        var epsilon = new Vector<float>(1e-8f);
        for (; i <= weights.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var g = new Vector<float>(gradient[i..]);
            var update = Vector.GreaterThanOrEqual(Vector.Abs(g), threshold);
            var w = new Vector<float>(weights[i..]);
            var old = new Vector<float>(squares[i..]);
            var step = g + decay * w;
            var square = old + step * step;
            Vector.ConditionalSelect(update, square, old).CopyTo(squares[i..]);
            Vector.ConditionalSelect(update, w - rate * step / Vector.SquareRoot(square + epsilon), w).CopyTo(weights[i..]);
        }

        for (; i < weights.Length; i++)
        {
            if (Math.Abs(gradient[i]) < negligible)
            {
                continue;
            }

            var step = gradient[i] + L2 * weights[i];
            squares[i] += step * step;
            weights[i] -= LearningRate * step / MathF.Sqrt(squares[i] + 1e-8f);
        }
    }

    /// <summary>Each class's score: its bias plus the sum of the features' weights, scaled by <paramref name="norm"/>.</summary>
    private static void Scores(int[] x, float norm, float[] weights, float[] bias, float[] p)
    {
        var k = bias.Length;
        var sums = p.AsSpan();
        sums.Clear();
        foreach (var f in x)
        {
            var row = weights.AsSpan(f * k, k);
            var i = 0;
            for (; i <= k - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(sums[i..]) + new Vector<float>(row[i..])).CopyTo(sums[i..]);
            }

            for (; i < k; i++)
            {
                sums[i] += row[i];
            }
        }

        for (var c = 0; c < k; c++)
        {
            p[c] = bias[c] + norm * p[c];
        }
    }

    private static void Normalize(float[] p)
    {
        var max = p.Max();
        float sum = 0;
        for (var c = 0; c < p.Length; c++)
        {
            p[c] = MathF.Exp(p[c] - max);
            sum += p[c];
        }

        for (var c = 0; c < p.Length; c++)
        {
            p[c] /= sum;
        }
    }

    /// <summary>The most probable measures for a topic, best first; none when no word of it was seen in training.</summary>
    public IReadOnlyList<ClassifiedMeasure> Classify(string topic, int max = 5)
    {
        var features = Features(topic).ToList();
        var seen = features.Where(_features.ContainsKey).ToList();
        if (seen.Count == 0 || _refs.Length == 0)
        {
            return [];
        }

        // Normalised by the topic's feature count, as in training (unseen features count: they dilute a topic too).
        var norm = (float)(1 / Math.Sqrt(features.Count));
        var p = (float[])_bias.Clone();
        foreach (var feature in seen)
        {
            var (classes, weights) = _features[feature];
            for (var i = 0; i < classes.Length; i++)
            {
                p[classes[i]] += weights[i] * norm;
            }
        }

        Normalize(p);
        return Enumerable.Range(0, p.Length).OrderByDescending(c => p[c]).Take(max)
            .Select(c => new ClassifiedMeasure(_refs[c], p[c])).ToList();
    }

    /// <summary>Distinct character unigrams and bigrams of the CJK runs, and Latin/digit words (pm2.5, ei) whole.</summary>
    public static IEnumerable<string> Features(string text)
    {
        var normalized = ChineseText.Normalize(text);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < normalized.Length; i++)
        {
            var ch = normalized[i];
            if (ChineseText.IsCjk(ch))
            {
                if (seen.Add(ch.ToString()))
                {
                    yield return ch.ToString();
                }

                if (i + 1 < normalized.Length && ChineseText.IsCjk(normalized[i + 1]) && seen.Add(normalized.Substring(i, 2)))
                {
                    yield return normalized.Substring(i, 2);
                }
            }
            else if (char.IsAsciiLetterOrDigit(ch))
            {
                var start = i;
                while (i + 1 < normalized.Length && (char.IsAsciiLetterOrDigit(normalized[i + 1]) || normalized[i + 1] == '.'))
                {
                    i++;
                }

                var word = normalized[start..(i + 1)].ToLowerInvariant();
                if (seen.Add(word))
                {
                    yield return word;
                }
            }
        }
    }
}
