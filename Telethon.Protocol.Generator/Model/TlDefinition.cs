using System.Collections.Generic;

namespace Telethon.Generator.Model;

/// <summary>A TL constructor or function with its id, parameters and (boxed) result type.</summary>
public sealed record TlDefinition(
    string Name,
    uint Id,
    bool HasExplicitId,
    IReadOnlyList<TlParam> Params,
    TlTypeRef Result,
    bool IsFunction,
    IReadOnlyList<string> GenericParameters,
    string? Comment,
    string? NormalizedText)
{
    /// <summary>The namespace part of <see cref="Name"/> (<c>messages</c> in <c>messages.sendMessage</c>), or empty.</summary>
    public string Namespace => Name.IndexOf('.') is var i and >= 0 ? Name.Substring(0, i) : "";

    /// <summary>The name without its namespace.</summary>
    public string LocalName => Name.IndexOf('.') is var i and >= 0 ? Name.Substring(i + 1) : Name;
}
