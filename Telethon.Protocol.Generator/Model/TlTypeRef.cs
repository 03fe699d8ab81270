using System.Collections.Generic;

namespace Telethon.Generator.Model;

/// <summary>
/// A reference to a TL type as a parameter or result: a primitive (int, long, double, string, bytes,
/// int128, int256, Bool, true, #), a boxed type (<c>User</c>, <c>messages.Messages</c>), a bare
/// constructor (<c>%Message</c> or a lowercase name), a vector (boxed <c>Vector&lt;T&gt;</c> or bare
/// <c>vector&lt;T&gt;</c>), or the generic parameter of a wrapper function (<c>!X</c> / <c>X</c>).
/// </summary>
public sealed record TlTypeRef(string Name, bool IsBare, TlTypeRef? Element, bool IsGenericParameter)
{
    private static readonly HashSet<string> Primitives = new()
    {
        "int", "long", "int53", "double", "string", "bytes", "int128", "int256", "Bool", "true", "#", "Object",
    };

    /// <summary>True for <c>Vector&lt;T&gt;</c> and <c>vector&lt;T&gt;</c>.</summary>
    public bool IsVector => Element is not null;

    /// <summary>True for int, long, double, string, bytes, int128, int256, Bool, true, # and Object.</summary>
    public bool IsPrimitive => !IsVector && !IsGenericParameter && Primitives.Contains(Name);

    /// <summary>A plain type reference.</summary>
    public static TlTypeRef Simple(string name, bool bare = false) => new(name, bare, null, false);

    /// <summary>A vector of <paramref name="element"/>; bare vectors have no constructor id on the wire.</summary>
    public static TlTypeRef Vector(TlTypeRef element, bool bare) => new(bare ? "vector" : "Vector", bare, element, false);

    /// <summary>The generic parameter of a wrapper function (<c>!X</c>).</summary>
    public static TlTypeRef Generic(string name) => new(name, false, null, true);

    /// <inheritdoc />
    public override string ToString() =>
        IsVector ? $"{Name}<{Element}>" : IsGenericParameter ? "!" + Name : (IsBare && !IsPrimitive ? "%" : "") + Name;
}
