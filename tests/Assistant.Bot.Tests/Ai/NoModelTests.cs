using Assistant.Bot.Conversations;
using Assistant.Index.Answers;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Ai;

/// <summary>With no model configured the conversation path answers exactly as the rules do.</summary>
public sealed class NoModelTests
{
    [Fact]
    public async Task Every_evaluation_question_gets_the_rules_answer_unchanged()
    {
        await using var app = new AssistantApplication();
        var conversations = app.Services.GetRequiredService<ConversationService>();
        var engine = app.Services.GetRequiredService<AnswerEngine>();

        foreach (var item in Evaluator.Read(EvalSet()))
        {
            var reply = await conversations.AskAsync(null, item.Question, CancellationToken.None);

            Assert.Equal(AnsweredBy.Rules, reply.AnsweredBy);
            Assert.Equal(engine.Ask(item.Question).Text, reply.Answer.Text);
        }
    }

    private static string EvalSet()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "eval", "questions.jsonl");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("tests/eval/questions.jsonl not found above the test folder.");
    }
}
