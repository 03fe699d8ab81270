namespace Telethon.TestServer.World;

/// <summary>A member's role in a chat or channel (ready for admin rights).</summary>
public enum MemberRole
{
    /// <summary>An ordinary member.</summary>
    Member,

    /// <summary>An administrator.</summary>
    Admin,

    /// <summary>The creator.</summary>
    Creator,
}
