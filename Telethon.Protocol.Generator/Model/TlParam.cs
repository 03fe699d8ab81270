namespace Telethon.Generator.Model;

/// <summary>
/// One parameter of a TL definition. A parameter with <see cref="FlagField"/> set is conditional:
/// present on the wire only when bit <see cref="FlagBit"/> of that <c>#</c> field is set.
/// </summary>
public sealed record TlParam(string Name, TlTypeRef Type, string? FlagField, int FlagBit, string? Comment)
{
    /// <summary>True for a <c>#</c> field holding flag bits.</summary>
    public bool IsFlagsField => Type.Name == "#" && !Type.IsVector;

    /// <summary>True for a conditional parameter (<c>flags.N?T</c>).</summary>
    public bool IsConditional => FlagField is not null;

    /// <summary>True for a <c>flags.N?true</c> parameter, which is only a bit.</summary>
    public bool IsTrueFlag => IsConditional && Type.Name == "true" && !Type.IsVector;
}
