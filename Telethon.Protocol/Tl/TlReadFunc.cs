namespace Telethon.Tl;

/// <summary>Reads one value from a <see cref="TlReader"/>.</summary>
public delegate T TlReadFunc<out T>(ref TlReader reader);
