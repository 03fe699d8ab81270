using Telethon.Tl.Layers;

namespace Telethon.TestServer.Layers;

/// <summary>How a session in another layer is served: its requests are rewritten into the compiled layer, and the
/// answers and pushes out of it.</summary>
/// <param name="Layer">The layer the session is served in.</param>
/// <param name="ToCurrent">Requests: the session's layer (or any known one) to the compiled layer.</param>
/// <param name="FromCurrent">Answers and pushes: the compiled layer to the session's.</param>
public sealed record LayerConverters(int Layer, TlLayerConverter ToCurrent, TlLayerConverter FromCurrent);
