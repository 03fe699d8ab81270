using Telethon.Events;
using Telethon.Filters;
using Telethon.Handlers;

namespace Telethon.Embedding;

/// <summary>One entry of a <see cref="HandlerRegistry"/>.</summary>
/// <param name="Id">Unique within the registry; stays when the filter changes.</param>
/// <param name="Key">The user's delegate.</param>
/// <param name="EventType">The event type handled (derived types included).</param>
/// <param name="Run">Runs the handler on an event of <paramref name="EventType"/>.</param>
/// <param name="Filter">Checked first; null to always run.</param>
internal sealed record HandlerRegistration(long Id, Delegate Key, Type EventType, Func<Event, Task<HandlerResult>> Run, Filter? Filter);
