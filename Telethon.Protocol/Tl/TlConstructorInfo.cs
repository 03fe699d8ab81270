namespace Telethon.Tl;

/// <summary>A constructor or function of a schema at run time.</summary>
/// <param name="Id">The constructor id.</param>
/// <param name="Name">The TL name (<c>messages.sendMessage</c>).</param>
/// <param name="TypeName">The TL type it constructs, or a function's result type as written.</param>
/// <param name="IsFunction">True for functions.</param>
/// <param name="IsService">True for the MTProto service schema, false for the API.</param>
/// <param name="Params">Parameters in wire order.</param>
/// <param name="Result">A function's result type (null for constructors).</param>
public sealed record TlConstructorInfo(uint Id, string Name, string TypeName, bool IsFunction, bool IsService, TlParamInfo[] Params, TlTypeInfo? Result = null);
