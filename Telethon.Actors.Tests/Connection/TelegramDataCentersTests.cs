using System.Net;
using System.Net.Sockets;
using Telethon.Connection;

namespace Telethon.Tests.Connection;

/// <summary>The built-in DC tables: their shape, and every address inside the ranges Telegram announces as its own.</summary>
public sealed class TelegramDataCentersTests
{
    // Telegram's announced networks (core.telegram.org/resources/cidr.txt).
    private static readonly string[] TelegramNetworks =
    [
        "91.108.56.0/22", "91.108.4.0/22", "91.108.8.0/22", "91.108.16.0/22", "91.108.12.0/22", "149.154.160.0/20",
        "91.105.192.0/23", "91.108.20.0/22", "185.76.151.0/24",
        "2001:b28:f23d::/48", "2001:b28:f23f::/48", "2001:67c:4e8::/48", "2001:b28:f23c::/48", "2a0a:f280::/32",
    ];

    public static TheoryData<string, int, AddressFamily> Tables => new()
    {
        { nameof(TelegramDataCenters.Production), 5, AddressFamily.InterNetwork },
        { nameof(TelegramDataCenters.ProductionIPv6), 5, AddressFamily.InterNetworkV6 },
        { nameof(TelegramDataCenters.Test), 3, AddressFamily.InterNetwork },
        { nameof(TelegramDataCenters.TestIPv6), 3, AddressFamily.InterNetworkV6 },
    };

    private static IReadOnlyList<DcAddress> Table(string name) => name switch
    {
        nameof(TelegramDataCenters.Production) => TelegramDataCenters.Production,
        nameof(TelegramDataCenters.ProductionIPv6) => TelegramDataCenters.ProductionIPv6,
        nameof(TelegramDataCenters.Test) => TelegramDataCenters.Test,
        nameof(TelegramDataCenters.TestIPv6) => TelegramDataCenters.TestIPv6,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Each_table_has_DCs_1_to_n_once_each_on_port_443_in_its_address_family(string name, int count, AddressFamily family)
    {
        var table = Table(name);
        Assert.Equal(Enumerable.Range(1, count), table.Select(d => d.DcId));
        foreach (var dc in table)
        {
            Assert.True(IPAddress.TryParse(dc.Host, out var ip), $"{dc} is not an IP address");
            Assert.Equal(family, ip.AddressFamily);
            Assert.Equal(443, dc.Port);
            Assert.True(TelegramNetworks.Any(n => IPNetwork.Parse(n).Contains(ip)), $"{dc} is outside Telegram's networks");
        }
        Assert.Equal(count, table.Select(d => d.Host).Distinct().Count());
    }

    [Fact]
    public void The_IPv6_addresses_name_their_DC_and_tell_production_from_test()
    {
        // Telegram numbers its IPv6 DC addresses ...:f00X::a in production and ...:f00X::e on the test DCs.
        foreach (var (table, last) in new[] { (TelegramDataCenters.ProductionIPv6, (ushort)0xa), (TelegramDataCenters.TestIPv6, (ushort)0xe) })
        {
            foreach (var dc in table)
            {
                var bytes = IPAddress.Parse(dc.Host).GetAddressBytes();
                Assert.Equal(0xf000 + dc.DcId, (bytes[6] << 8) | bytes[7]);
                Assert.Equal(last, (ushort)((bytes[14] << 8) | bytes[15]));
            }
        }
    }

    [Fact]
    public void The_test_DCs_are_not_production_ones() =>
        Assert.Empty(TelegramDataCenters.Test.Select(d => d.Host).Intersect(TelegramDataCenters.Production.Select(d => d.Host)));
}
