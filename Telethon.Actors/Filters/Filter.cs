using System.Text.RegularExpressions;
using Telethon.Events;
using Telethon.Model;

namespace Telethon.Filters;

/// <summary>
/// A condition on an event, checked before a handler runs. Filters are pure, fast and never throw; combine them with
/// <c>&amp;</c> (<see cref="All"/>), <c>|</c> (<see cref="Any"/>) and <c>!</c> (<see cref="Not"/>). Combinations merge
/// as in Telethon: <c>a | b | c</c> is one <see cref="AnyFilter"/> of three filters, <c>a &amp; b &amp; c</c> one
/// <see cref="AllFilter"/>, and <c>!</c> toggles, so <c>!!a</c> is <c>a</c> itself.
/// </summary>
public abstract class Filter
{
    /// <summary>Whether the handler should run for <paramref name="e"/>.</summary>
    public abstract bool Matches(Event e);

    /// <summary>Both filters must pass (the second is not checked when the first fails). Either side that is an
    /// <see cref="AllFilter"/> is merged: the result is one <see cref="AllFilter"/> of all their filters, in order.</summary>
    public static AllFilter operator &(Filter left, Filter right) => All(left, right);

    /// <summary>Either filter must pass (the second is not checked when the first passes). Either side that is an
    /// <see cref="AnyFilter"/> is merged: the result is one <see cref="AnyFilter"/> of all their filters, in order.</summary>
    public static AnyFilter operator |(Filter left, Filter right) => Any(left, right);

    /// <summary>The filter must not pass: a <see cref="NotFilter"/> of it, or, when it is already a
    /// <see cref="NotFilter"/>, the filter that one negates.</summary>
    public static Filter operator !(Filter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter is NotFilter not ? not.Filter : Not(filter);
    }

    /// <summary>Passes when every filter passes, checked in order (nested <see cref="AllFilter"/>s are merged).</summary>
    public static AllFilter All(params Filter[] filters) => new(filters);

    /// <summary>Passes when any filter passes, checked in order (nested <see cref="AnyFilter"/>s are merged).</summary>
    public static AnyFilter Any(params Filter[] filters) => new(filters);

    /// <summary>Passes when <paramref name="filter"/> does not. This always makes a <see cref="NotFilter"/> (as Telethon's
    /// <c>Not</c> does); the <c>!</c> operator is the one that unwraps a negation.</summary>
    public static NotFilter Not(Filter filter) => new(filter);

    /// <summary>Passes when the event's text contains a match of <paramref name="pattern"/> (searched anywhere; anchor
    /// with ^ to match from the start).</summary>
    public static TextFilter Text(string pattern) => new(pattern);

    /// <summary>Passes when the event's text contains a match of <paramref name="regex"/>.</summary>
    public static TextFilter Text(Regex regex) => new(regex);

    /// <summary>Passes when the first word of the event's text is <paramref name="command"/>, or
    /// <paramref name="command"/>@username of the logged-in account.</summary>
    public static CommandFilter Command(string command) => new(command);

    /// <summary>Passes for messages others sent to the account.</summary>
    public static IncomingFilter Incoming { get; } = new();

    /// <summary>Passes for messages the account sent.</summary>
    public static OutgoingFilter Outgoing { get; } = new();

    /// <summary>Passes for messages that reply to another message.</summary>
    public static ReplyFilter Reply { get; } = new();

    /// <summary>Passes for messages forwarded from elsewhere.</summary>
    public static ForwardFilter Forward { get; } = new();

    /// <summary>Passes when the event's chat is one of <paramref name="chatIds"/>.</summary>
    public static ChatsFilter Chats(params long[] chatIds) => new(chatIds);

    /// <summary>Passes when the event's sender is one of <paramref name="senderIds"/>.</summary>
    public static SendersFilter Senders(params long[] senderIds) => new(senderIds);

    /// <summary>Passes when the event's chat is of kind <paramref name="kind"/>.</summary>
    public static ChatTypeFilter ChatType(ChatKind kind) => new(kind);

    /// <summary>Passes for messages with media of one of <paramref name="types"/>; with none, for messages with any file
    /// that can be downloaded (Telethon's <c>Media</c>).</summary>
    public static MediaFilter Media(params MediaType[] types) => new(types);

    /// <summary>Passes for a <see cref="ButtonCallback"/> whose data is exactly <paramref name="data"/>.</summary>
    public static DataFilter Data(ReadOnlySpan<byte> data) => new(data);

    /// <summary>Passes for a <see cref="ButtonCallback"/> whose data is exactly <paramref name="data"/> in UTF-8.</summary>
    public static DataFilter Data(string data) => new(System.Text.Encoding.UTF8.GetBytes(data ?? throw new ArgumentNullException(nameof(data))));

    /// <summary>A custom filter; it should be fast and never throw (a throwing filter counts as not passing).</summary>
    public static PredicateFilter Where(Func<Event, bool> predicate) => new(predicate);
}
