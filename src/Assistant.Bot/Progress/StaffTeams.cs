using System.Data.Common;
using System.Globalization;
using System.Text;
using Assistant.Bot.Channels.BotFramework;
using Assistant.Bot.Security;
using Assistant.Bot.Storage;
using Assistant.Index;
using Assistant.Index.Knowledge;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Progress;

/// <summary>Where to reach a member of staff in Teams: the conversation reference kept from their first personal message.</summary>
public sealed record StaffSubscription(
    string UserId, string Unit, string ServiceUrl, string ChannelId, string ConversationId, string BotId, string? BotName, bool Subscribed,
    string? LastReminded);

/// <summary>
/// Teams staff subscriptions, one row per user, in the same database as everything else. The SQL is the same on both
/// backends (ON CONFLICT upserts, integers for flags, ISO text for times), so one class serves both.
/// </summary>
public sealed class StaffSubscriptions(IServiceProvider services, IConfiguration configuration)
{
    internal sealed class SqliteSchema : ISqliteSchema
    {
        public IEnumerable<Migration> Migrations => [new("progress-002", Sql)];
    }

    internal sealed class PostgresSchema : IPostgresSchema
    {
        public IEnumerable<Migration> Migrations => [new("progress-002", Sql)];
    }

    private const string Sql = """
        CREATE TABLE staff_subscriptions (
            user_id         TEXT PRIMARY KEY,
            unit            TEXT NOT NULL,
            service_url     TEXT NOT NULL,
            channel_id      TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            bot_id          TEXT NOT NULL,
            bot_name        TEXT NULL,
            subscribed      INTEGER NOT NULL,
            last_reminded   TEXT NULL
        );
        """;

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => configuration.UsesPostgres()
        ? await services.GetRequiredService<PostgresDatabase>().OpenAsync(cancellationToken)
        : await services.GetRequiredService<SqliteDatabase>().OpenAsync(cancellationToken);

    /// <summary>Keeps the latest reference; a first contact subscribes, a later one leaves the choice as it was.</summary>
    public Task RememberAsync(StaffSubscription s, CancellationToken cancellationToken) => ExecuteAsync("""
        INSERT INTO staff_subscriptions (user_id, unit, service_url, channel_id, conversation_id, bot_id, bot_name, subscribed)
        VALUES (@user, @unit, @url, @channel, @conversation, @bot, @botName, 1)
        ON CONFLICT (user_id) DO UPDATE SET unit = excluded.unit, service_url = excluded.service_url, channel_id = excluded.channel_id,
            conversation_id = excluded.conversation_id, bot_id = excluded.bot_id, bot_name = excluded.bot_name
        """, cancellationToken, ("user", s.UserId), ("unit", s.Unit), ("url", s.ServiceUrl), ("channel", s.ChannelId),
        ("conversation", s.ConversationId), ("bot", s.BotId), ("botName", s.BotName ?? ""));

    public Task SetSubscribedAsync(string userId, bool subscribed, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE staff_subscriptions SET subscribed = @on WHERE user_id = @user", cancellationToken, ("on", subscribed ? 1 : 0), ("user", userId));

    public Task MarkRemindedAsync(string userId, string month, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE staff_subscriptions SET last_reminded = @month WHERE user_id = @user", cancellationToken, ("month", month), ("user", userId));

    public async Task<IReadOnlyList<StaffSubscription>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT user_id, unit, service_url, channel_id, conversation_id, bot_id, bot_name, subscribed, last_reminded
            FROM staff_subscriptions ORDER BY user_id
            """;
        var list = new List<StaffSubscription>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new StaffSubscription(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), Convert.ToInt32(reader.GetValue(7), CultureInfo.InvariantCulture) == 1,
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return list;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// Staff in a Teams personal chat: a user holding the staff role and mapped to a unit (Assistant:Progress:Units) asks
/// "我们这个月要完成什么" or "上个月的进展报了没有", and says "取消提醒" / "开启提醒" for the monthly reminder. Their conversation
/// reference is kept at first contact, for the reminder. Anything else goes on to the plan's answers.
/// </summary>
internal sealed class TeamsStaff(
    TeamsRoles roles, EntraGroups groups, StaffDirectory directory, StaffSubscriptions subscriptions, PlanBound<ProgressBoard> boards,
    IProgressStore store, TimeProvider clock, IOptions<AuthOptions> auth)
{
    /// <summary>The reply for a staff question, or null when this is not one (or the user is not mapped staff).</summary>
    public async Task<string?> AnswerAsync(Activity message, string question, CancellationToken cancellationToken)
    {
        if (!string.Equals(message.Conversation?.ConversationType, "personal", StringComparison.OrdinalIgnoreCase)
            || await UnitOfAsync(message, cancellationToken) is not { } unit)
        {
            return null;
        }

        var user = message.From!.AadObjectId!.Trim();
        await subscriptions.RememberAsync(new StaffSubscription(user, unit, message.ServiceUrl!, message.ChannelId ?? "msteams",
            message.Conversation!.Id!, message.Recipient?.Id ?? "", message.Recipient?.Name, true, null), cancellationToken);

        var q = question.Replace(" ", "", StringComparison.Ordinal);
        if (q.Contains("取消提醒", StringComparison.Ordinal))
        {
            await subscriptions.SetSubscribedAsync(user, false, cancellationToken);
            return "已取消按月报送提醒。需要时发送“开启提醒”即可恢复。";
        }

        if (q.Contains("开启提醒", StringComparison.Ordinal) || q.Contains("订阅提醒", StringComparison.Ordinal))
        {
            await subscriptions.SetSubscribedAsync(user, true, cancellationToken);
            return $"已开启按月报送提醒：每月{directory.ReminderDay}日提醒本单位尚未报送的措施和30天内到期的任务。";
        }

        var now = PlanMonth.Current(clock.GetUtcNow());
        if ((q.Contains("上个月", StringComparison.Ordinal) || q.Contains("上月", StringComparison.Ordinal)) && q.Contains('报', StringComparison.Ordinal))
        {
            return now == 1 ? "计划年度从1月开始，没有上个月的报送。" : await ReportedAsync(unit, now - 1, cancellationToken);
        }

        if ((q.Contains("这个月", StringComparison.Ordinal) || q.Contains("本月", StringComparison.Ordinal))
            && (q.Contains("完成", StringComparison.Ordinal) || q.Contains("到期", StringComparison.Ordinal) || q.Contains("任务", StringComparison.Ordinal)))
        {
            return await ThisMonthAsync(unit, now, cancellationToken);
        }

        return null;
    }

    /// <summary>The unit of a Teams user who holds the staff role: by object id, or by a mapped group they belong to.</summary>
    private async Task<string?> UnitOfAsync(Activity message, CancellationToken cancellationToken)
    {
        var objectId = message.From?.AadObjectId?.Trim();
        if (string.IsNullOrEmpty(objectId) || !Roles.Grants(await roles.RoleOfAsync(message, cancellationToken), Roles.Staff))
        {
            return null;
        }

        if (directory.UnitOf([objectId]) is { } unit)
        {
            return unit;
        }

        var groupIds = directory.MappedPrincipals.Where(p => Guid.TryParse(p, out _)).ToList();
        return groupIds.Count == 0 || auth.Value.TenantIds.Length == 0
            ? null
            : directory.UnitOf(await groups.MemberOfAsync(objectId, groupIds, cancellationToken));
    }

    private async Task<string> ThisMonthAsync(string unit, int month, CancellationToken cancellationToken)
    {
        var view = await boards.Value.MonthAsync(month, month, unit, directory.Coordinator, cancellationToken);
        var due = boards.Value.Leads.Where(l => l.Unit == unit && l.Measure.Deadline.DueMonth == month).Select(l => l.Measure).ToList();
        var sb = new StringBuilder($"{unit} {PlanMonth.Format(month)}（计划年度）：");
        sb.Append(due.Count == 0 ? "本月没有到期的主责措施。" : $"本月到期的主责措施 {due.Count} 项：");
        foreach (var m in due)
        {
            sb.Append('\n').Append($"· {m.Ref} {m.TaskName}（{m.Deadline.Text}）");
        }

        if (view.Overdue.Count > 0)
        {
            sb.Append('\n').Append($"另有逾期未完成 {view.Overdue.Count} 项：{string.Join("、", view.Overdue.Select(o => o.MeasureRef))}。");
        }

        return sb.ToString();
    }

    private async Task<string> ReportedAsync(string unit, int month, CancellationToken cancellationToken)
    {
        var key = PlanMonth.Format(month);
        var reports = (await store.ListAsync(key, unit, cancellationToken)).Where(r => r.Submitted).Select(r => r.MeasureRef).ToHashSet();
        var led = boards.Value.Leads.Where(l => l.Unit == unit).Select(l => l.Measure.Ref).ToList();
        var missing = led.Where(r => !reports.Contains(r)).ToList();
        return missing.Count == 0
            ? $"{unit} {key} 的进展已全部报送（{led.Count} 项）。"
            : $"{unit} {key}：已报送 {led.Count - missing.Count} 项，未报送 {missing.Count} 项：{string.Join("、", missing.Take(20))}{(missing.Count > 20 ? "等" : "")}。请在 /staff 工作台补报。";
    }
}

/// <summary>
/// On Assistant:Progress:ReminderDay (Beijing date), each subscribed member of staff gets one proactive message that month:
/// their unit's lead measures with no report yet this month, and deadlines within 30 days (dates of the plan year).
/// </summary>
internal sealed class ProgressReminders(
    IServiceProvider services, StaffSubscriptions subscriptions, PlanBound<ProgressBoard> boards, IProgressStore store, StaffDirectory directory,
    TimeProvider clock, IOptions<ProgressOptions> options, ILogger<ProgressReminders> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(30), clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Progress reminders failed; trying again later");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends the month's reminders if today is the day; returns how many were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = clock.GetUtcNow().ToOffset(PlanMonth.UtcOffset);
        if (today.Day != options.Value.ReminderDay)
        {
            return 0;
        }

        var month = PlanMonth.Format(today.Month);
        var connector = services.GetRequiredService<ConnectorClient>();
        var sent = 0;
        foreach (var s in (await subscriptions.ListAsync(cancellationToken)).Where(s => s.Subscribed && s.LastReminded != month))
        {
            var text = await ReminderAsync(s.Unit, today, cancellationToken);
            var conversation = new Activity
            {
                ServiceUrl = s.ServiceUrl,
                ChannelId = s.ChannelId,
                Conversation = new ConversationAccount { Id = s.ConversationId, ConversationType = "personal" },
            };
            var message = new Activity
            {
                Type = ActivityTypes.Message,
                ChannelId = s.ChannelId,
                From = new ChannelAccount { Id = s.BotId, Name = s.BotName },
                Conversation = conversation.Conversation,
                Attachments = [AnswerCard.Notice(text)],
            };
            if (await connector.ReplyAsync(conversation, message, cancellationToken))
            {
                await subscriptions.MarkRemindedAsync(s.UserId, month, cancellationToken);
                sent++;
            }
        }

        return sent;
    }

    private async Task<string> ReminderAsync(string unit, DateTimeOffset today, CancellationToken cancellationToken)
    {
        var month = PlanMonth.Format(today.Month);
        var reported = (await store.ListAsync(month, unit, cancellationToken)).Where(r => r.Submitted).Select(r => r.MeasureRef).ToHashSet();
        var led = boards.Value.Leads.Where(l => l.Unit == unit).Select(l => l.Measure).ToList();
        var missing = led.Where(m => !reported.Contains(m.Ref)).ToList();
        var from = new DateOnly(Deadline.PlanYear, today.Month, today.Day);
        var soon = led.Where(m => m.Deadline.By is { } by && by >= from && by <= from.AddDays(30)).ToList();
        var sb = new StringBuilder($"【按月报送提醒】{unit} {month}：请于月底前向{directory.Coordinator}报送工作进展。");
        sb.Append('\n').Append(missing.Count == 0 ? "本月主责措施均已报送。" : $"尚未报送的主责措施 {missing.Count} 项：{string.Join("、", missing.Take(20).Select(m => m.Ref))}{(missing.Count > 20 ? "等" : "")}。");
        sb.Append('\n').Append(soon.Count == 0 ? "30天内没有到期的主责措施。" : $"30天内到期 {soon.Count} 项：{string.Join("；", soon.Select(m => $"{m.Ref} {m.TaskName}（{m.Deadline.Text}）"))}。");
        sb.Append('\n').Append("发送“取消提醒”可不再接收。");
        return sb.ToString();
    }
}
