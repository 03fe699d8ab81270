namespace Telethon.Sender;

/// <summary>Which *_MIGRATE_X error a DC answered (<see cref="MigrateRequiredException"/>).</summary>
public enum MigrateKind
{
    /// <summary>PHONE_MIGRATE_X: the phone number is registered on DC X; log in there.</summary>
    Phone,

    /// <summary>USER_MIGRATE_X: the account lives on DC X; make it the home DC.</summary>
    User,

    /// <summary>NETWORK_MIGRATE_X: the client's network should use DC X; make it the home DC.</summary>
    Network,

    /// <summary>FILE_MIGRATE_X: the file is on DC X; download it there (with an exported authorization).</summary>
    File,

    /// <summary>STATS_MIGRATE_X: the statistics are on DC X; ask there (with an exported authorization).</summary>
    Stats,

    /// <summary>Another 303 error with a DC number.</summary>
    Other,
}
