using Akka.Actor;

namespace Telethon.Hosting;

/// <summary>Creates the <see cref="TelethonRuntime"/> extension of an actor system.</summary>
internal sealed class TelethonRuntimeProvider : ExtensionIdProvider<TelethonRuntime>
{
    /// <inheritdoc />
    public override TelethonRuntime CreateExtension(ExtendedActorSystem system) => new(system);
}
