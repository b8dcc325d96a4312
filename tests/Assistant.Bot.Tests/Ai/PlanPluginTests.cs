using Assistant.Bot.Ai;
using Assistant.Index.Ai;
using Assistant.Index.Answers;
using Assistant.Index.Knowledge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace Assistant.Bot.Tests.Ai;

/// <summary>The plan plugins as the host registers them, invoked through a Kernel with no model configured.</summary>
public sealed class PlanPluginTests
{
    [Fact]
    public async Task Every_function_is_described_in_Chinese_and_English()
    {
        await using var app = new AssistantApplication();

        var functions = Kernel(app).Plugins.GetFunctionsMetadata();

        Assert.Equal(["district_targets", "get_by_reference", "search_measures", "street_targets", "unit_duties"], functions.Select(f => f.Name).Order());
        Assert.All(functions, f =>
        {
            Assert.Equal(PlanPlugin.Name, f.PluginName);
            Assert.Contains(f.Description, c => c is >= '\u4E00' and <= '\u9FFF');
            Assert.Contains(f.Description, char.IsAsciiLetter);
            Assert.All(f.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{f.Name}.{p.Name}"));
        });
    }

    [Fact]
    public async Task Search_finds_the_measure_the_rules_answer_with()
    {
        await using var app = new AssistantApplication();

        var found = await Invoke<MeasureSearch>(app, "search_measures", new() { ["topic"] = "餐饮油烟" });

        var rules = app.Services.GetRequiredService<AnswerEngine>().Ask("餐饮油烟归哪个部门管");
        Assert.Equal(rules.Matches[0].MeasureRef, found.Measures[0].Ref);
        Assert.Contains("区生态环境局", found.Measures[0].LeadUnits);
        Assert.Null(found.Message);
    }

    [Fact]
    public async Task Search_by_unit_keeps_the_measures_that_unit_takes_part_in()
    {
        await using var app = new AssistantApplication();

        var found = await Invoke<MeasureSearch>(app, "search_measures", new() { ["topic"] = "充电设施", ["unit"] = "交通委" });

        Assert.NotEmpty(found.Measures);
        Assert.All(found.Measures, m => Assert.Contains("区交通委", m.LeadUnits.Concat(m.CoUnits)));
    }

    [Fact]
    public async Task Search_for_something_the_plan_lacks_returns_no_measure()
    {
        await using var app = new AssistantApplication();

        var found = await Invoke<MeasureSearch>(app, "search_measures", new() { ["topic"] = "量子计算机芯片" });

        Assert.Empty(found.Measures);
        Assert.NotNull(found.Message);
    }

    [Theory]
    [InlineData("附件1-3", "附件1-3", 5)]
    [InlineData("附件1第3项", "附件1-3", 5)]
    [InlineData("附件1-3-2", "附件1-3-2", 1)]
    public async Task Lookup_by_reference_returns_the_task_or_the_measure(string reference, string expected, int measures)
    {
        await using var app = new AssistantApplication();

        var found = await Invoke<ReferenceLookup>(app, "get_by_reference", new() { ["reference"] = reference });

        var task = Knowledge(app).FindTask("附件1-3")!;
        Assert.Equal(expected, found.Ref);
        Assert.Equal(task.Name, found.TaskName);
        Assert.Equal(measures, found.Measures.Count);
        Assert.All(found.Measures, m => Assert.Equal(Knowledge(app).FindMeasure(m.Ref)!.Deadline.Text, m.Deadline));
    }

    [Theory]
    [InlineData("附件1-99")]
    [InlineData("附件1-3-9")]
    [InlineData("第三项")]
    public async Task Lookup_of_a_reference_the_plan_lacks_says_so(string reference)
    {
        await using var app = new AssistantApplication();

        var found = await Invoke<ReferenceLookup>(app, "get_by_reference", new() { ["reference"] = reference });

        Assert.Empty(found.Measures);
        Assert.NotNull(found.Message);
    }

    [Fact]
    public async Task A_units_lead_duties_are_what_the_knowledge_says_it_leads()
    {
        await using var app = new AssistantApplication();

        var duties = await Invoke<UnitDuties>(app, "unit_duties", new() { ["unit"] = "园林局", ["role"] = "lead" });

        var led = Knowledge(app).LedBy("区园林绿化局");
        Assert.Equal("区园林绿化局", duties.Unit);
        Assert.Equal(led.Select(m => m.Ref), duties.Measures.Select(m => m.Ref));
        Assert.Equal(led.Count, duties.LeadCount);
        Assert.Equal(0, duties.CoCount);
        Assert.All(duties.Measures, m => Assert.Equal("主责", m.Role));
    }

    [Fact]
    public async Task Duties_by_deadline_range_keep_only_what_falls_due_in_it()
    {
        await using var app = new AssistantApplication();

        var duties = await Invoke<UnitDuties>(app, "unit_duties", new() { ["unit"] = "区生态环境局", ["dueTo"] = "2024-04-30" });

        var (from, to) = (new DateOnly(2024, 1, 1), new DateOnly(2024, 4, 30));
        var expected = Knowledge(app).Plan.Measures.Where(m => m.InvolvesUnit("区生态环境局") && m.Deadline.DueWithin(from, to)).Select(m => m.Ref);
        Assert.NotEmpty(duties.Measures);
        Assert.Equal(expected, duties.Measures.Select(m => m.Ref));
    }

    [Fact]
    public async Task A_streets_duties_include_the_rows_given_to_all_street_offices()
    {
        await using var app = new AssistantApplication();

        var duties = await Invoke<UnitDuties>(app, "unit_duties", new() { ["unit"] = "德胜街道" });

        string[] names = ["德胜街道", "德胜街道办事处", "各街道办事处", "相关街道办事处"];
        var total = Knowledge(app).Plan.Measures.Count(m => names.Any(m.InvolvesUnit));
        Assert.Equal("德胜街道办事处", duties.Unit);
        Assert.Contains(duties.Measures, m => m.NamedAs == "各街道办事处");
        Assert.Equal(total, duties.LeadCount + duties.CoCount);
        // A long list is cut for the model, and the record says so.
        Assert.Equal(Math.Min(total, 50), duties.Measures.Count);
        Assert.Equal(total > 50, duties.Message is not null);
    }

    [Theory]
    [InlineData("区虚构局", null)]
    [InlineData("区园林绿化局", "6月底")]
    public async Task Unknown_units_and_bad_dates_get_a_message_that_does_not_echo_the_input(string unit, string? dueTo)
    {
        await using var app = new AssistantApplication();

        var duties = await Invoke<UnitDuties>(app, "unit_duties", new() { ["unit"] = unit, ["dueTo"] = dueTo });

        Assert.Empty(duties.Measures);
        Assert.DoesNotContain(unit, duties.Message);
        Assert.DoesNotContain("6月", duties.Message);
    }

    [Fact]
    public async Task Street_targets_are_the_tables_figures()
    {
        await using var app = new AssistantApplication();

        var targets = await Invoke<TargetFigures>(app, "street_targets", new() { ["street"] = "德胜" });

        var row = Knowledge(app).TargetFor(Knowledge(app).FindStreet("德胜街道")!)!;
        Assert.Equal(5, targets.Figures.Count);
        Assert.Contains(targets.Figures, f => f.Name == "德胜街道 PM2.5年均浓度" && f.Value == row.Pm25Annual.ToString(System.Globalization.CultureInfo.InvariantCulture) && f.Unit == "微克/立方米");
        Assert.All(targets.Figures, f => Assert.Equal(PlanPlugin.StreetTableSource, f.Source));
    }

    [Fact]
    public async Task District_targets_filter_by_keyword()
    {
        await using var app = new AssistantApplication();

        var forklifts = await Invoke<TargetFigures>(app, "district_targets", new() { ["keyword"] = "叉车" });
        var all = await Invoke<TargetFigures>(app, "district_targets", new());

        var figure = Assert.Single(forklifts.Figures);
        Assert.Equal(("叉车电动化数量", "10", "辆", "附件6"), (figure.Name, figure.Value, figure.Unit, figure.Source));
        Assert.Equal(Knowledge(app).Plan.DistrictTargets.Count, all.Figures.Count);
    }

    private static Kernel Kernel(AssistantApplication app) =>
        app.Services.GetRequiredService<AssistantKernels>().Create(AssistantRole.Citizen);

    private static KnowledgeBase Knowledge(AssistantApplication app) => app.Services.GetRequiredService<KnowledgeBase>();

    private static async Task<T> Invoke<T>(AssistantApplication app, string function, KernelArguments arguments) =>
        (await Kernel(app).InvokeAsync<T>(PlanPlugin.Name, function, arguments))!;
}
