namespace Telethon.Tl;

/// <summary>Describes a TL type at run time (for the JSON form, tools and tests; the codec itself is generated).</summary>
public sealed class TlTypeInfo
{
    private TlTypeInfo(TlTypeKind kind, string? name, TlTypeInfo? element, bool bare, uint constructorId = 0, bool isService = false)
    {
        IsService = isService;
        ConstructorId = constructorId;
        Kind = kind;
        Name = name;
        Element = element;
        IsBare = bare;
    }

    /// <summary>The kind of type.</summary>
    public TlTypeKind Kind { get; }

    /// <summary>The boxed type's TL name (<see cref="TlTypeKind.Boxed"/>) or the constructor's (<see cref="TlTypeKind.Bare"/>).</summary>
    public string? Name { get; }

    /// <summary>The element type of a vector.</summary>
    public TlTypeInfo? Element { get; }

    /// <summary>The constructor id of a <see cref="TlTypeKind.Bare"/> type (names alone can repeat across schemas).</summary>
    public uint ConstructorId { get; }

    /// <summary>True when a <see cref="TlTypeKind.Boxed"/> type belongs to the MTProto service schema (both schemas have a <c>Message</c>).</summary>
    public bool IsService { get; }

    /// <summary>True for a bare vector (no vector id on the wire).</summary>
    public bool IsBare { get; }

    /// <summary>int.</summary>
    public static readonly TlTypeInfo Int = new(TlTypeKind.Int, "int", null, true);
    /// <summary>long.</summary>
    public static readonly TlTypeInfo Long = new(TlTypeKind.Long, "long", null, true);
    /// <summary>double.</summary>
    public static readonly TlTypeInfo Double = new(TlTypeKind.Double, "double", null, true);
    /// <summary>string.</summary>
    public static readonly TlTypeInfo String = new(TlTypeKind.String, "string", null, true);
    /// <summary>bytes.</summary>
    public static readonly TlTypeInfo Bytes = new(TlTypeKind.Bytes, "bytes", null, true);
    /// <summary>int128.</summary>
    public static readonly TlTypeInfo Int128 = new(TlTypeKind.Int128, "int128", null, true);
    /// <summary>int256.</summary>
    public static readonly TlTypeInfo Int256 = new(TlTypeKind.Int256, "int256", null, true);
    /// <summary>Bool.</summary>
    public static readonly TlTypeInfo Bool = new(TlTypeKind.Bool, "Bool", null, false);
    /// <summary>true (a flag bit).</summary>
    public static readonly TlTypeInfo True = new(TlTypeKind.True, "true", null, true);
    /// <summary># (flag bits).</summary>
    public static readonly TlTypeInfo Flags = new(TlTypeKind.Flags, "#", null, true);
    /// <summary>Object.</summary>
    public static readonly TlTypeInfo Object = new(TlTypeKind.Object, "Object", null, false);
    /// <summary>!X.</summary>
    public static readonly TlTypeInfo Query = new(TlTypeKind.Query, "!X", null, false);

    /// <summary>A boxed type by TL name.</summary>
    public static TlTypeInfo Boxed(string name, bool isService = false) => new(TlTypeKind.Boxed, name, null, false, 0, isService);

    /// <summary>A bare constructor by TL name.</summary>
    public static TlTypeInfo BareOf(string constructorName, uint constructorId) => new(TlTypeKind.Bare, constructorName, null, true, constructorId);

    /// <summary>A vector.</summary>
    public static TlTypeInfo VectorOf(TlTypeInfo element, bool bare = false) => new(TlTypeKind.Vector, bare ? "vector" : "Vector", element, bare);

    /// <inheritdoc />
    public override string ToString() => Kind == TlTypeKind.Vector ? $"{Name}<{Element}>" : Name ?? Kind.ToString();
}
