using TlState = Telethon.Tl.Types.Updates.State;

namespace Telethon.Session;

/// <summary>The update sequence state of one account: what to persist, and what a restarted account resumes from.</summary>
public sealed class MessageBoxState
{
    private static readonly IReadOnlyDictionary<long, int> NoChannels = new Dictionary<long, int>();

    /// <summary>Creates a state.</summary>
    /// <param name="pts">The account pts (messages and private chats, basic groups).</param>
    /// <param name="qts">The account qts (secret chats and bot-specific updates).</param>
    /// <param name="date">The date of the last applied update container or difference.</param>
    /// <param name="seq">The seq of the last applied update container.</param>
    /// <param name="channelPts">The pts of each tracked channel, by channel id; <see langword="null"/> for none.</param>
    public MessageBoxState(int pts, int qts, int date, int seq, IReadOnlyDictionary<long, int>? channelPts = null)
    {
        Pts = pts;
        Qts = qts;
        Date = date;
        Seq = seq;
        ChannelPts = channelPts ?? NoChannels;
    }

    /// <summary>The account pts.</summary>
    public int Pts { get; }

    /// <summary>The account qts.</summary>
    public int Qts { get; }

    /// <summary>The date of the last applied update container or difference (unix seconds).</summary>
    public int Date { get; }

    /// <summary>The seq of the last applied update container.</summary>
    public int Seq { get; }

    /// <summary>The pts of each tracked channel, by channel id.</summary>
    public IReadOnlyDictionary<long, int> ChannelPts { get; }

    /// <summary>The state the server reports in updates.getState, with no channels.</summary>
    public static MessageBoxState FromTl(TlState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new MessageBoxState(state.Pts, state.Qts, state.Date, state.Seq);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"pts={Pts} qts={Qts} date={Date} seq={Seq} channels={ChannelPts.Count}";
}
