namespace Telethon.Model;

/// <summary>
/// A restriction that may be applied to a chat's participant, or to every participant by default (Telethon's
/// <c>ChatRestriction</c>). A participant forbidden to <see cref="ViewMessages"/> is banned from the chat altogether; one
/// that may still view messages is restricted but stays in the chat. The members follow Telegram's
/// <c>chatBannedRights</c>, where a restriction present is its flag set; they may do nothing if Telegram changes them.
/// </summary>
public enum ChatRestriction
{
    /// <summary>Prevents being in the chat and fetching the message history: applying it kicks the participant out.</summary>
    ViewMessages,

    /// <summary>Prevents sending messages to the chat.</summary>
    SendMessages,

    /// <summary>Prevents sending messages with media such as photos or documents to the chat.</summary>
    SendMedia,

    /// <summary>Prevents sending sticker media to the chat.</summary>
    SendStickers,

    /// <summary>Prevents sending muted looping video media ("GIFs") to the chat.</summary>
    SendGifs,

    /// <summary>Prevents sending <c>@bot inline</c> games to the chat.</summary>
    SendGames,

    /// <summary>Prevents sending messages via <c>@bot inline</c> to the chat.</summary>
    SendInline,

    /// <summary>Prevents sending messages that include links to external URLs to the chat.</summary>
    EmbedLinks,

    /// <summary>Prevents sending poll media to the chat.</summary>
    SendPolls,

    /// <summary>Prevents changing the description of the chat.</summary>
    ChangeInfo,

    /// <summary>Prevents inviting users to the chat.</summary>
    InviteUsers,

    /// <summary>Prevents pinning messages to the chat.</summary>
    PinMessages,

    /// <summary>Prevents managing the topics of the chat.</summary>
    ManageTopics,

    /// <summary>Prevents sending photo media files to the chat.</summary>
    SendPhotos,

    /// <summary>Prevents sending video media files to the chat.</summary>
    SendVideos,

    /// <summary>Prevents sending round video media files to the chat.</summary>
    SendRoundVideos,

    /// <summary>Prevents sending audio media files to the chat.</summary>
    SendAudios,

    /// <summary>Prevents sending voice note audio media files to the chat.</summary>
    SendVoiceNotes,

    /// <summary>Prevents sending document media files to the chat.</summary>
    SendDocuments,

    /// <summary>Prevents sending plain text messages with no media to the chat.</summary>
    SendPlainMessages,
}
