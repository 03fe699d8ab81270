using Akka.Actor;

namespace Telethon.Hosting;

/// <summary>Creates the <see cref="TelethonRuntime"/> extension of an actor system.</summary>
public sealed class TelethonRuntimeProvider : ExtensionIdProvider<TelethonRuntime>
{
    /// <inheritdoc />
    public override TelethonRuntime CreateExtension(ExtendedActorSystem system) => new(system);
}
