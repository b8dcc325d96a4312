namespace Assistant.Index.Knowledge;

/// <summary>The whole action plan: header, the five annex tables and the indicator tables.</summary>
public sealed record Plan(
    string Id,
    string Title,
    string DocumentNumber,
    string Issuer,
    string Issued,
    string Source,
    IReadOnlyList<Annex> Annexes,
    IReadOnlyList<StreetTarget> StreetTargets,
    IReadOnlyList<DistrictTarget> DistrictTargets)
{
    public IEnumerable<PlanTask> Tasks => Annexes.SelectMany(a => a.Tasks);

    public IEnumerable<Measure> Measures => Tasks.SelectMany(t => t.Measures);
}

/// <summary>One annex (附件1–5): a table of tasks.</summary>
public sealed record Annex(int Number, string Title, IReadOnlyList<PlanTask> Tasks);

/// <summary>A 重点任务 row (序号) with its 工作措施 rows.</summary>
public sealed record PlanTask(int Annex, int Number, string Name, string Section, IReadOnlyList<Measure> Measures)
{
    /// <summary>附件{annex}-{task}, the reference used everywhere.</summary>
    public string Ref => References.Task(Annex, Number);

    /// <summary>附件1 第15项 加强餐饮油烟源头管控 — how a citation reads.</summary>
    public string Citation => $"附件{Annex} 第{Number}项 {Name}";
}

/// <summary>A 工作措施 row: what is to be done, by when, who leads and who co-operates.</summary>
public sealed record Measure(
    int Annex,
    int Task,
    int Number,
    string TaskName,
    string Section,
    string Text,
    Deadline Deadline,
    IReadOnlyList<string> LeadUnits,
    IReadOnlyList<string> CoUnits,
    bool SplitInferred,
    string? Note,
    string? NoteZh = null)
{
    /// <summary>How the row was read, for staff: the Chinese note, else the curator's own.</summary>
    public string? StaffNote => NoteZh ?? Note;

    /// <summary>附件{annex}-{task}-{k}.</summary>
    public string Ref => References.Measure(Annex, Task, Number);

    public string TaskRef => References.Task(Annex, Task);

    public string Citation => $"附件{Annex} 第{Task}项 {TaskName}";

    public bool InvolvesUnit(string unit) => LeadUnits.Contains(unit) || CoUnits.Contains(unit);
}

/// <summary>A street's air-quality targets (the table at the end of 附件1).</summary>
public sealed record StreetTarget(
    string Street,
    int Pm25Annual,
    int Pm25Q1,
    int GoodDaysRatio,
    int HeavyPollutionDays,
    int HeavyPollutionDaysQ1);

/// <summary>A district-wide figure (附件6), kept as the seed writes it ("15左右", "100（100，0）").</summary>
public sealed record DistrictTarget(string Name, string Unit, string Value, IReadOnlyList<string> Keywords);
