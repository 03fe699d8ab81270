namespace Telethon.Tl;

/// <summary>One parameter of a constructor or function at run time.</summary>
/// <param name="Name">The TL name (<c>pts_count</c>).</param>
/// <param name="Type">Its type.</param>
/// <param name="FlagIndex">Index of the <c>#</c> parameter it depends on, or −1.</param>
/// <param name="FlagBit">The bit of that parameter, or −1.</param>
public sealed record TlParamInfo(string Name, TlTypeInfo Type, int FlagIndex = -1, int FlagBit = -1)
{
    /// <summary>True when the parameter is conditional on a flag bit.</summary>
    public bool IsConditional => FlagIndex >= 0;
}
