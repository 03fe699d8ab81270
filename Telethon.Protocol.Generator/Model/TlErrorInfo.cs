namespace Telethon.Generator.Model;

/// <summary>One RPC error of raw-errors.json: its name pattern (FLOOD_WAIT_X), code and description.</summary>
public sealed record TlErrorInfo(string Name, int Code, string? Description);
