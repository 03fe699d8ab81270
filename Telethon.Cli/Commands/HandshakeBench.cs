using System.Diagnostics;
using Telethon.Crypto;
using Telethon.Mtproto.Authentication;

namespace Telethon.Cli.Commands;

/// <summary>Whole auth-key exchanges in memory, timing the client's and the server's work apart.</summary>
internal static class HandshakeBench
{
    /// <summary>Mean milliseconds per exchange spent in the client and in the server, over about <paramref name="seconds"/>.</summary>
    public static (double ClientMs, double ServerMs) Measure(double seconds, CancellationToken cancellationToken)
    {
        var serverKey = RsaPrivateKey.Generate();
        var client = new Stopwatch();
        var server = new Stopwatch();
        var exchanges = 0;
        Exchange(serverKey, new Stopwatch(), new Stopwatch()); // warm-up
        var total = Stopwatch.StartNew();
        while ((total.Elapsed.TotalSeconds < seconds || exchanges == 0) && !cancellationToken.IsCancellationRequested)
        {
            Exchange(serverKey, client, server);
            exchanges++;
        }
        return (client.Elapsed.TotalMilliseconds / exchanges, server.Elapsed.TotalMilliseconds / exchanges);
    }

    private static void Exchange(RsaPrivateKey serverKey, Stopwatch clientTime, Stopwatch serverTime)
    {
        clientTime.Start();
        var clientSide = new ClientAuthenticator(new ClientAuthenticatorOptions { PublicKeys = [serverKey.PublicKey], DcId = 2 });
        var toServer = clientSide.Start();
        clientTime.Stop();
        var serverSide = new ServerAuthenticator(new ServerAuthenticatorOptions { PrivateKeys = [serverKey] });
        while (true)
        {
            serverTime.Start();
            var answer = serverSide.Process(toServer);
            serverTime.Stop();
            clientTime.Start();
            var step = clientSide.Process(answer.Outgoing ?? throw new InvalidOperationException("the server sent nothing"));
            clientTime.Stop();
            if (step.IsComplete)
                return;
            toServer = step.Outgoing ?? throw new InvalidOperationException("the client sent nothing");
        }
    }
}
