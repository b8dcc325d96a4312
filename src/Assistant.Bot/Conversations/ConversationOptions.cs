using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.Conversations;

/// <summary>The "Assistant:Conversations" settings: how follow-up contexts reach the store, and how long they stay.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Assistant:Conversations";

    /// <summary>
    /// True: an answer is sent without waiting for its context to be stored; the context is written a moment later, in a
    /// batch. False: the answer waits until the batch holding its context is stored. Empty → true on SQLite (one instance,
    /// which answers every follow-up from memory until the write), false on PostgreSQL (a follow-up may reach another
    /// instance, which only sees the store).
    /// </summary>
    public bool? WriteBehind { get; set; }

    /// <summary>Writing behind: how long a batch collects contexts before it is written — also what a kill -9 can lose.</summary>
    [Range(0, 1000)]
    public int WriteBehindMilliseconds { get; set; } = 10;

    /// <summary>Days a conversation's context is kept after its last answer; a follow-up after that is asked in full.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;
}
