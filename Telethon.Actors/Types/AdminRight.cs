namespace Telethon.Model;

/// <summary>
/// A right that can be granted to a chat's administrator (Telethon's <c>AdminRight</c>). The members and their meaning
/// follow Telegram's <c>chatAdminRights</c>; they may do nothing if Telegram changes them.
/// </summary>
public enum AdminRight
{
    /// <summary>Allows editing the description in a group or channel.</summary>
    ChangeInfo,

    /// <summary>Allows sending messages in a broadcast channel.</summary>
    PostMessages,

    /// <summary>Allows editing messages in a group or channel.</summary>
    EditMessages,

    /// <summary>Allows deleting messages in a group or channel.</summary>
    DeleteMessages,

    /// <summary>Allows setting the banned rights of other users in a group or channel.</summary>
    BanUsers,

    /// <summary>Allows inviting other users to the group or channel.</summary>
    InviteUsers,

    /// <summary>Allows pinning a message to the group or channel.</summary>
    PinMessages,

    /// <summary>Allows setting the same or less administrator rights to other users in the group or channel.</summary>
    ManageAdmins,

    /// <summary>Allows the administrator to remain anonymous.</summary>
    RemainAnonymous,

    /// <summary>Allows managing group or channel calls.</summary>
    ManageCalls,

    /// <summary>Unspecified.</summary>
    Other,

    /// <summary>Allows managing the topics in a group.</summary>
    ManageTopics,

    /// <summary>Allows posting stories in a channel.</summary>
    PostStories,

    /// <summary>Allows editing stories in a channel.</summary>
    EditStories,

    /// <summary>Allows deleting stories in a channel.</summary>
    DeleteStories,
}
