using System.Collections.Immutable;
using System.Text;

namespace Telethon.Session;

/// <summary>
/// Everything a session holds (Telethon's <c>session.Session</c>): auth keys per DC, the home DC, the
/// signed-in user, the update state, the channel pts and the peers seen. Immutable; the <c>Apply</c>
/// methods are pure folds of the <see cref="ISessionEvent"/>s, so the same model is the state of
/// <see cref="SessionActor"/> (and its snapshot) and the value an <see cref="ISessionStorage"/> loads and saves.
/// Equality compares contents. <see cref="ToString"/> never shows an auth key.
/// </summary>
public sealed record SessionData
{
    /// <summary>A session with nothing in it.</summary>
    public static SessionData Empty { get; } = new();

    /// <summary>The home DC, or null before the first connection chose one.</summary>
    public int? HomeDcId { get; init; }

    /// <summary>The auth keys, ordered by DC id, permanent before temporary; at most one of each kind per DC.</summary>
    public ImmutableList<DcAuthKey> AuthKeys { get; init; } = ImmutableList<DcAuthKey>.Empty;

    /// <summary>The signed-in account, or null when not signed in.</summary>
    public SessionUser? User { get; init; }

    /// <summary>The account-wide update state, or null before the first updates.getState.</summary>
    public UpdateState? UpdateState { get; init; }

    /// <summary>The pts of each tracked channel, by bare channel id.</summary>
    public ImmutableDictionary<long, int> ChannelPts { get; init; } = ImmutableDictionary<long, int>.Empty;

    /// <summary>The peers seen, by kind and bare id.</summary>
    public ImmutableDictionary<(PeerKind Kind, long Id), PeerInfo> Peers { get; init; } =
        ImmutableDictionary<(PeerKind Kind, long Id), PeerInfo>.Empty;

    /// <summary>Whether an account is signed in.</summary>
    public bool IsSignedIn => User is not null;

    /// <summary>The key of a DC, or null.</summary>
    /// <param name="dcId">The DC.</param>
    /// <param name="temporary">True for the temporary (PFS) key, false for the permanent key.</param>
    public DcAuthKey? GetAuthKey(int dcId, bool temporary = false)
    {
        foreach (var key in AuthKeys)
        {
            if (key.DcId == dcId && key.Temporary == temporary)
                return key;
        }
        return null;
    }

    /// <summary>A peer seen before, or null.</summary>
    public PeerInfo? GetPeer(PeerKind kind, long id) => Peers.GetValueOrDefault((kind, id));

    /// <summary>
    /// The update state in the form the updates logic resumes from (<c>new MessageBox(state, now)</c>), or
    /// null when there is no account-wide state yet.
    /// </summary>
    public MessageBoxState? ToMessageBoxState() =>
        UpdateState is { } s ? new MessageBoxState(s.Pts, s.Qts, s.Date, s.Seq, ChannelPts) : null;

    /// <summary>This session with its update state and channel pts replaced by <paramref name="state"/>.</summary>
    public SessionData WithMessageBoxState(MessageBoxState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return this with
        {
            UpdateState = new UpdateState(state.Pts, state.Qts, state.Date, state.Seq),
            ChannelPts = state.ChannelPts.ToImmutableDictionary(),
        };
    }

    /// <summary>Folds any session event into this session.</summary>
    /// <exception cref="ArgumentException">An event type this model does not know.</exception>
    internal SessionData Apply(ISessionEvent @event) => @event switch
    {
        AuthKeyCreated e => Apply(e),
        AuthKeyDropped e => Apply(e),
        HomeDcChanged e => Apply(e),
        SignedIn e => Apply(e),
        SignedOut e => Apply(e),
        UpdateStateAdvanced e => Apply(e),
        ChannelPtsAdvanced e => Apply(e),
        PeerSeen e => Apply(e),
        null => throw new ArgumentNullException(nameof(@event)),
        _ => throw new ArgumentException($"Unknown session event {@event.GetType().Name}.", nameof(@event)),
    };

    /// <summary>Stores the key, replacing the key of the same DC and kind.</summary>
    internal SessionData Apply(AuthKeyCreated e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var key = new DcAuthKey(e.DcId, e.Key, e.Salt, e.Temporary);
        var keys = AuthKeys.RemoveAll(k => k.DcId == e.DcId && k.Temporary == e.Temporary).Add(key);
        return this with { AuthKeys = keys.Sort(CompareKeys) };
    }

    /// <summary>Forgets the temporary key, or the permanent key and its temporary key.</summary>
    internal SessionData Apply(AuthKeyDropped e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return this with { AuthKeys = AuthKeys.RemoveAll(k => k.DcId == e.DcId && (k.Temporary || !e.Temporary)) };
    }

    /// <summary>Moves the home DC (and the signed-in user's DC).</summary>
    internal SessionData Apply(HomeDcChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return this with { HomeDcId = e.DcId, User = User is null ? null : User with { DcId = e.DcId } };
    }

    /// <summary>Records the signed-in user; the home DC becomes the user's DC.</summary>
    internal SessionData Apply(SignedIn e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return this with { User = new SessionUser(e.UserId, e.Bot, e.DcId, e.Username), HomeDcId = e.DcId };
    }

    /// <summary>Forgets the user, the update state, the channel pts and the peers; keeps the keys and the home DC.</summary>
    internal SessionData Apply(SignedOut e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return this with
        {
            User = null,
            UpdateState = null,
            ChannelPts = ImmutableDictionary<long, int>.Empty,
            Peers = ImmutableDictionary<(PeerKind Kind, long Id), PeerInfo>.Empty,
        };
    }

    /// <summary>Replaces the account-wide update state.</summary>
    internal SessionData Apply(UpdateStateAdvanced e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return this with { UpdateState = new UpdateState(e.Pts, e.Qts, e.Date, e.Seq) };
    }

    /// <summary>Replaces one channel's pts.</summary>
    internal SessionData Apply(ChannelPtsAdvanced e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return this with { ChannelPts = ChannelPts.SetItem(e.ChannelId, e.Pts) };
    }

    /// <summary>Replaces what is known of one peer.</summary>
    internal SessionData Apply(PeerSeen e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return this with { Peers = Peers.SetItem((e.Kind, e.Id), new PeerInfo(e.Id, e.Kind, e.AccessHash, e.Username)) };
    }

    /// <inheritdoc />
    public bool Equals(SessionData? other)
    {
        if (ReferenceEquals(this, other))
            return true;
        return other is not null &&
               HomeDcId == other.HomeDcId &&
               Equals(User, other.User) &&
               Equals(UpdateState, other.UpdateState) &&
               AuthKeys.SequenceEqual(other.AuthKeys) &&
               SameEntries(ChannelPts, other.ChannelPts) &&
               SameEntries(Peers, other.Peers);
    }

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(HomeDcId, User, UpdateState, AuthKeys.Count, ChannelPts.Count, Peers.Count);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder("SessionData { ");
        text.Append("HomeDcId = ").Append(HomeDcId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
        text.Append(", AuthKeys = [");
        text.AppendJoin(", ", AuthKeys.Select(k => k.Temporary ? $"dc{k.DcId} (temporary)" : $"dc{k.DcId}"));
        text.Append("], User = ").Append(User?.ToString() ?? "none");
        text.Append(", UpdateState = ").Append(UpdateState?.ToString() ?? "none");
        text.Append(", Channels = ").Append(ChannelPts.Count);
        text.Append(", Peers = ").Append(Peers.Count).Append(" }");
        return text.ToString();
    }

    private static int CompareKeys(DcAuthKey a, DcAuthKey b)
    {
        var byDc = a.DcId.CompareTo(b.DcId);
        return byDc != 0 ? byDc : a.Temporary.CompareTo(b.Temporary);
    }

    private static bool SameEntries<TKey, TValue>(ImmutableDictionary<TKey, TValue> a, ImmutableDictionary<TKey, TValue> b)
        where TKey : notnull
    {
        if (a.Count != b.Count)
            return false;
        var comparer = EqualityComparer<TValue>.Default;
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !comparer.Equals(value, other))
                return false;
        }
        return true;
    }
}
