namespace Telethon.Tl;

/// <summary>
/// Base of every generated TL constructor and function. Writing is virtual (the concrete type
/// knows its layout); reading goes through the static <c>ReadBoxed</c> of the abstract type or
/// <see cref="TlRegistry.ReadObject"/> when the type is not known in advance.
/// </summary>
public abstract class TlObject
{
    /// <summary>The constructor id written before the bare form.</summary>
    public abstract uint ConstructorId { get; }

    /// <summary>The TL name of the constructor or function (for example <c>messages.sendMessage</c>).</summary>
    public abstract string TlName { get; }

    /// <summary>Writes the bare form (the fields, without the constructor id).</summary>
    public abstract void WriteBareTo(ref TlWriter writer);

    /// <summary>Writes the boxed form: the constructor id, then the fields.</summary>
    public void WriteTo(ref TlWriter writer)
    {
        writer.WriteUInt32(ConstructorId);
        WriteBareTo(ref writer);
    }

    /// <summary>The boxed serialization as a new array.</summary>
    public byte[] ToBytes()
    {
        var writer = new TlWriter(256);
        try
        {
            WriteTo(ref writer);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => TlName;
}
