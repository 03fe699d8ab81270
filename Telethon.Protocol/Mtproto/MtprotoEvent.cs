namespace Telethon.Mtproto;

/// <summary>Base of what <see cref="MtprotoClientSession.ProcessIncoming(ReadOnlySpan{byte})"/> reports.</summary>
public abstract record MtprotoEvent;
