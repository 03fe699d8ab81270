using System.Collections.Generic;

namespace Telethon.Generator.Model;

/// <summary>A parsed schema: its definitions, the API layer when known, and documentation of boxed types.</summary>
public sealed record TlSchema(IReadOnlyList<TlDefinition> Definitions, int Layer, IReadOnlyDictionary<string, string> TypeComments);
