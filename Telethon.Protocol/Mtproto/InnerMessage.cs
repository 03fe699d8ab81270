namespace Telethon.Mtproto;

/// <summary>A message of an incoming msg_container: its header and where its body lies in the container body.</summary>
internal readonly record struct InnerMessage(long MsgId, int SeqNo, int Offset, int Length);
