namespace Telethon.Tl;

/// <summary>The kinds of TL types a parameter or result can have.</summary>
public enum TlTypeKind
{
    /// <summary>32-bit integer.</summary>
    Int,
    /// <summary>64-bit integer.</summary>
    Long,
    /// <summary>IEEE double.</summary>
    Double,
    /// <summary>UTF-8 string.</summary>
    String,
    /// <summary>Byte string.</summary>
    Bytes,
    /// <summary>16 raw bytes.</summary>
    Int128,
    /// <summary>32 raw bytes.</summary>
    Int256,
    /// <summary>boolTrue / boolFalse.</summary>
    Bool,
    /// <summary>A <c>flags.N?true</c> bit (nothing on the wire).</summary>
    True,
    /// <summary>A <c>#</c> field of flag bits.</summary>
    Flags,
    /// <summary>A vector, boxed or bare.</summary>
    Vector,
    /// <summary>A boxed type: constructor id then fields.</summary>
    Boxed,
    /// <summary>A bare constructor: fields only.</summary>
    Bare,
    /// <summary>Any boxed object (<c>Object</c>).</summary>
    Object,
    /// <summary>The query of a wrapper function (<c>!X</c>): any boxed function.</summary>
    Query,
}
