namespace Telethon.Connection;

/// <summary>
/// Where Telegram's data centers listen, as Telegram's own library (TDLib) ships them: the five production DCs and the three
/// test DCs, each on port 443, over IPv4 or IPv6. An account that is given no <see cref="ClientOptions.DataCenters"/>
/// uses <see cref="Production"/> (or <see cref="Test"/> with <see cref="ClientOptions.UseTestDataCenters"/>); give one of
/// the IPv6 lists to connect over IPv6. These are the long-lived addresses clients start from; should Telegram move a DC,
/// give <see cref="ClientOptions.DataCenters"/> yourself (help.getConfig lists the current ones).
/// </summary>
public static class TelegramDataCenters
{
    /// <summary>The port every built-in address listens on (Telegram's DCs also accept 80 and 5222).</summary>
    public const int Port = 443;

    /// <summary>The DC a new session starts on when nothing else is said (Telegram's clients and Telethon start on 2).</summary>
    public const int DefaultDataCenter = 2;

    /// <summary>The production DCs 1 to 5 over IPv4.</summary>
    public static IReadOnlyList<DcAddress> Production { get; } =
    [
        new(1, "149.154.175.50", Port),
        new(2, "149.154.167.51", Port),
        new(3, "149.154.175.100", Port),
        new(4, "149.154.167.91", Port),
        new(5, "149.154.171.5", Port),
    ];

    /// <summary>The production DCs 1 to 5 over IPv6.</summary>
    public static IReadOnlyList<DcAddress> ProductionIPv6 { get; } =
    [
        new(1, "2001:b28:f23d:f001::a", Port),
        new(2, "2001:67c:4e8:f002::a", Port),
        new(3, "2001:b28:f23d:f003::a", Port),
        new(4, "2001:67c:4e8:f004::a", Port),
        new(5, "2001:b28:f23f:f005::a", Port),
    ];

    /// <summary>
    /// The test DCs 1 to 3 over IPv4: a separate Telegram with its own accounts, where the numbers 99966XYYYY (X the DC)
    /// sign in with the code XXXXX. Their key is <see cref="TelegramServerKeys.Test"/>.
    /// </summary>
    public static IReadOnlyList<DcAddress> Test { get; } =
    [
        new(1, "149.154.175.10", Port),
        new(2, "149.154.167.40", Port),
        new(3, "149.154.175.117", Port),
    ];

    /// <summary>The test DCs 1 to 3 over IPv6.</summary>
    public static IReadOnlyList<DcAddress> TestIPv6 { get; } =
    [
        new(1, "2001:b28:f23d:f001::e", Port),
        new(2, "2001:67c:4e8:f002::e", Port),
        new(3, "2001:b28:f23d:f003::e", Port),
    ];
}
