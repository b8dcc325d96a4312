using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.Index.Knowledge;

/// <summary>
/// knowledge/plan.json with the approved split corrections written in, for the repository: only the settled rows change
/// (their units, splitInferred false, the notes saying who settled them, when and on what document); every other byte
/// is kept as the file has it, so the diff is the corrections.
/// </summary>
public static class PlanExport
{
    private static readonly JsonSerializerOptions Written = new()
    {
        WriteIndented = true,
        // The file keeps Chinese and quotation marks as they are, not as \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The text of plan.json (read from <paramref name="knowledgeDirectory"/>) with <paramref name="corrections"/> applied.</summary>
    public static string Render(string knowledgeDirectory, IReadOnlyList<SplitCorrection> corrections, out IReadOnlyList<SplitCorrection> skipped)
    {
        var path = Path.Combine(knowledgeDirectory, "plan.json");
        var settled = SplitCorrections.Apply(KnowledgeLoader.ReadPlan(path), corrections, out skipped);
        var text = File.ReadAllText(path);
        var file = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var changed = corrections.Except(skipped).Select(c => c.MeasureRef).ToHashSet(StringComparer.Ordinal);
        foreach (var annex in file["annexes"]!.AsArray())
        {
            foreach (var task in annex!["tasks"]!.AsArray())
            {
                var measures = task!["measures"]!.AsArray();
                for (var i = 0; i < measures.Count; i++)
                {
                    var reference = References.Measure((int)annex["number"]!, (int)task["number"]!, i + 1);
                    if (!changed.Contains(reference))
                    {
                        continue;
                    }

                    var m = settled.Measures.First(x => x.Ref == reference);
                    var node = measures[i]!.AsObject();
                    node["leadUnits"] = new JsonArray(m.LeadUnits.Select(u => (JsonNode)JsonValue.Create(u)!).ToArray());
                    node["coUnits"] = new JsonArray(m.CoUnits.Select(u => (JsonNode)JsonValue.Create(u)!).ToArray());
                    node["splitInferred"] = false;
                    node["note"] = m.Note;
                    node["noteZh"] = m.NoteZh;
                }
            }
        }

        return file.ToJsonString(Written) + (text.EndsWith('\n') ? "\n" : "");
    }
}
