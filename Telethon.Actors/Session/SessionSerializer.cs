using Akka.Actor;
using Akka.Serialization;

namespace Telethon.Session;

/// <summary>
/// The Akka serializer of the session events and of the <see cref="SessionData"/> snapshot: a compact,
/// versioned binary form (see <see cref="SerializerId"/> and the manifests it writes). Bound to
/// <see cref="ISessionEvent"/> and <see cref="SessionData"/> by <c>TelethonPersistence.SerializationConfig</c>,
/// which every configuration of <c>TelethonPersistence</c> includes.
/// </summary>
internal sealed class SessionSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer id stored with every journal row and snapshot.</summary>
    public const int SerializerId = 7311;

    /// <summary>Created by Akka's serialization extension.</summary>
    /// <param name="system">The actor system.</param>
    public SessionSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => SessionBinaryFormat.Write(obj);

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) => SessionBinaryFormat.Read(bytes, manifest);

    /// <inheritdoc />
    public override string Manifest(object o) => SessionBinaryFormat.Manifest(o);
}
