using Telethon.Events;

namespace Telethon.Filters;

/// <summary>Passes when the event has a sender whose id is one of the given ones.</summary>
public sealed class SendersFilter : Filter
{
    private readonly HashSet<long> _ids;

    /// <summary>Creates the filter.</summary>
    /// <param name="senderIds">The bare sender ids (users, or channels posting as themselves).</param>
    public SendersFilter(params IEnumerable<long> senderIds)
    {
        ArgumentNullException.ThrowIfNull(senderIds);
        _ids = [.. senderIds];
    }

    /// <summary>A copy of the sender ids filtered on.</summary>
    public IReadOnlySet<long> SenderIds => new HashSet<long>(_ids);

    /// <inheritdoc />
    public override bool Matches(Event e) => e?.Sender is { } sender && _ids.Contains(sender.Id);

    /// <inheritdoc />
    public override string ToString() => $"Senders({string.Join(", ", _ids)})";
}
