using System.Text.Json.Nodes;
using Assistant.Index.Answers;

namespace Assistant.Bot.Channels.BotFramework;

/// <summary>
/// Renders an answer as an Adaptive Card 1.5 (the highest Teams renders): per measure the units and deadline
/// first and large, then the measure text and its reference; the inferred-split note; and up to three follow-up
/// buttons whose data carries the follow-up question back as the message value.
/// </summary>
internal static class AnswerCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Card button data flag: show the measure text in full (the "原文" button).</summary>
    public const string FullTextKey = "fullText";

    /// <summary>Measure text shown before "原文" is asked for, in characters (half the plan's measures are shorter than 60).</summary>
    private const int ShortText = 80;

    /// <summary>Text answers (duty lists) are cut here so a card stays far below Teams' ~80 KB limit.</summary>
    private const int MaxText = 6000;

    public static Attachment For(Answer answer, bool fullText)
    {
        var body = new JsonArray();
        var actions = new JsonArray();
        if (IsAboutMeasures(answer))
        {
            if (answer.Matches.Count > 1)
            {
                body.Add(Text($"计划中有 {answer.Matches.Count} 项措施与此相关：", weight: "Bolder"));
            }

            foreach (var match in answer.Matches)
            {
                body.Add(MeasureContainer(match, answer.Intent, fullText));
            }

            foreach (var action in FollowUps(answer, fullText))
            {
                actions.Add(action);
            }
        }
        else
        {
            foreach (var line in AnswerEngine.Trim(answer.Text, MaxText).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                body.Add(Text(line));
            }
        }

        if (answer.SplitInferred && IsAboutMeasures(answer))
        {
            var inferred = string.Join("、", answer.Matches.Where(m => m.SplitInferred).Select(m => m.MeasureRef).Distinct());
            body.Add(Text($"注：{inferred} 的主责/协办单位划分是根据原文表格排版推断的，请以正式文件核对。", size: "Small", color: "Warning"));
        }

        return Card(body, actions, answer.Text);
    }

    /// <summary>The welcome card: what the assistant answers, and example questions as buttons.</summary>
    public static Attachment Greeting(IEnumerable<string> examples)
    {
        var body = new JsonArray
        {
            Text("您好，我是西城政策助手。", size: "Medium", weight: "Bolder"),
            Text("我依据《推进美丽西城建设 持续深入打好污染防治攻坚战2024年行动计划》（西政办发〔2024〕2号）回答：某项工作由哪个单位主责、哪些单位协办、何时完成，并注明出处。"),
            Text("在群聊和频道中请先 @我 再提问。", size: "Small", isSubtle: true),
        };
        var actions = new JsonArray();
        foreach (var question in examples.Take(3))
        {
            actions.Add(Ask(question, question));
        }

        return Card(body, actions, "您好，我是西城政策助手。");
    }

    /// <summary>
    /// A hotline draft for the operator who pasted the complaint: the triage as facts, then the reply draft and the
    /// dispatch note. Those two restate the caller's words, so they go in TextRuns, which Teams never reads as Markdown:
    /// a link or emphasis typed into a complaint stays text.
    /// </summary>
    public static Attachment Draft(Hotline.HotlineDraft draft)
    {
        var facts = new JsonArray
        {
            Fact("问题类别", draft.Category + (draft.AlsoConcerns.Count > 0 ? $"（另涉及：{string.Join("、", draft.AlsoConcerns)}）" : "")),
            Fact("属地街道", draft.Street ?? "未注明，请向来电人核实地址"),
            Fact("发生时段", draft.TimeOfDay ?? "未说明"),
            Fact("承办单位", AnswerEngine.Units(draft.LeadUnits)),
            Fact("协办单位", AnswerEngine.Units(draft.CoUnits)),
            Fact("计划依据", draft.Refs.Count > 0 ? string.Join("、", draft.Refs) : "计划中没有直接对应的措施"),
        };
        var body = new JsonArray
        {
            Text("12345 诉求答复草稿", size: "Medium", weight: "Bolder"),
            new JsonObject { ["type"] = "FactSet", ["facts"] = facts },
            Text("答复草稿", weight: "Bolder", spacing: "Medium"),
            Plain(draft.Draft),
            Text("内部派单建议", weight: "Bolder", spacing: "Medium"),
            Plain(draft.DispatchNote),
        };
        if (draft.SplitInferred)
        {
            body.Add(Text("注：部分措施的主责/协办单位划分是根据原文表格排版推断的，派单前请以正式文件核对。", size: "Small", color: "Warning"));
        }

        body.Add(Text($"草稿编号 {draft.Id}，可在接诉即办工作台中修改和标记答复。", size: "Small", isSubtle: true));
        return Card(body, [], $"12345 诉求答复草稿：{draft.Category}");
    }

    /// <summary>A plain one-block card (help, refusals, errors), so every reply renders alike.</summary>
    public static Attachment Notice(string text) => Card([Text(text)], [], text);

    private static bool IsAboutMeasures(Answer answer) =>
        answer.Matches.Count > 0 && answer.Intent is Intent.Lead or Intent.Deadline or Intent.Co or Intent.Search;

    private static JsonObject MeasureContainer(AnswerMatch match, Intent intent, bool fullText)
    {
        var lead = AnswerEngine.Units(match.LeadUnits);
        var co = AnswerEngine.Units(match.CoUnits);

        // The asked-for units go in the large column: the co-operating units when the question was about them.
        var (primaryLabel, primary, secondary) = intent == Intent.Co
            ? ("协办单位", co, $"主责单位：{lead}")
            : ("主责单位", lead, $"协办单位：{co}");

        var items = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "ColumnSet",
                ["columns"] = new JsonArray
                {
                    Column("stretch", primaryLabel, primary, color: null),
                    Column("auto", "完成时限", match.Deadline, color: "Accent"),
                },
            },
            Text(secondary),
            Text(fullText ? match.Measure : AnswerEngine.Trim(match.Measure, ShortText), spacing: "Medium"),
            Text($"依据：附件{match.Annex} 第{match.Task}项 {match.TaskName}（{match.MeasureRef}）", size: "Small", isSubtle: true),
        };

        return new JsonObject
        {
            ["type"] = "Container",
            ["separator"] = true,
            ["spacing"] = "Medium",
            ["items"] = items,
        };
    }

    /// <summary>
    /// "协办单位", "完成时限", "原文" — less the aspect the answer already leads with, and "原文" only when a text was
    /// shortened. A single measure is named by its
    /// reference, so a button on an older card still asks about its own measure; several are asked about as a
    /// follow-up ("那…呢？"), which the conversation resolves against the answer it just gave.
    /// </summary>
    private static IEnumerable<JsonObject> FollowUps(Answer answer, bool fullText)
    {
        var subject = answer.Matches.Count == 1 ? answer.Matches[0].MeasureRef : null;
        string Question(string aspect) => subject is null ? $"那{aspect}呢？" : $"{subject} {aspect}";

        if (answer.Intent != Intent.Co)
        {
            yield return Ask("协办单位", Question("协办单位"));
        }

        if (answer.Intent != Intent.Deadline)
        {
            yield return Ask("完成时限", Question("完成时限"));
        }

        if (!fullText && answer.Matches.Any(m => m.Measure.Length > ShortText))
        {
            yield return Ask("原文", Question("原文"), fullText: true);
        }
    }

    private static JsonObject Ask(string title, string question, bool fullText = false)
    {
        var data = new JsonObject { [IncomingMessage.QuestionKey] = question };
        if (fullText)
        {
            data[FullTextKey] = true;
        }

        return new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };
    }

    private static JsonObject Column(string width, string label, string value, string? color) => new()
    {
        ["type"] = "Column",
        ["width"] = width,
        ["items"] = new JsonArray
        {
            Text(label, size: "Small", isSubtle: true),
            Text(value, size: "Medium", weight: "Bolder", color: color, spacing: "None"),
        },
    };

    private static JsonObject Text(string text, string? size = null, string? weight = null, string? color = null, bool isSubtle = false, string? spacing = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null) block["size"] = size;
        if (weight is not null) block["weight"] = weight;
        if (color is not null) block["color"] = color;
        if (isSubtle) block["isSubtle"] = true;
        if (spacing is not null) block["spacing"] = spacing;
        return block;
    }

    /// <summary>Text that may hold what a user typed: a TextRun is never parsed as Markdown.</summary>
    private static JsonObject Plain(string text) => new()
    {
        ["type"] = "RichTextBlock",
        ["inlines"] = new JsonArray { new JsonObject { ["type"] = "TextRun", ["text"] = AnswerEngine.Trim(text, MaxText) } },
    };

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static Attachment Card(JsonArray body, JsonArray actions, string fallbackText)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["fallbackText"] = AnswerEngine.Trim(fallbackText, MaxText),
            ["body"] = body,
            // Teams draws cards narrow by default; measure texts read better full width.
            ["msteams"] = new JsonObject { ["width"] = "Full" },
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }

        return new Attachment(ContentType, card);
    }

}
