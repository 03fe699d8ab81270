using Microsoft.Extensions.Time.Testing;
using Telethon.Crypto;
using Telethon.Mtproto.Authentication;
using Telethon.Tests.Crypto;
using MtAbcs = Telethon.Tl.Mtproto.Abcs;
using MtTypes = Telethon.Tl.Mtproto.Types;

namespace Telethon.Tests.Mtproto.Authentication;

/// <summary>
/// One deterministic in-memory exchange (the client reads a seeded byte script, the server a seeded
/// generator) with its bodies recorded, so that a test can rebuild either side at any step and feed
/// it an altered message in place of the recorded one.
/// </summary>
public sealed class RecordedExchange
{
    private readonly int _seed;
    private readonly int? _dcId;
    private readonly int? _expiresIn;

    /// <summary>Runs and records the exchange for <paramref name="seed"/>.</summary>
    public RecordedExchange(int seed, int? dcId = 2, int? expiresIn = null)
    {
        _seed = seed;
        _dcId = dcId;
        _expiresIn = expiresIn;
        Script = AuthenticationTestSupport.Script(seed);
        var transcript = AuthenticationTestSupport.Run(NewClient(), NewServer());
        ClientMessages = transcript.ClientMessages;
        ServerMessages = transcript.ServerMessages;
        Result = transcript.Client;
        var resPq = (MtTypes.ResPQ)AuthenticationTestSupport.Read(ServerMessages[0], MtAbcs.ResPQ.ReadBoxed);
        Nonce = resPq.Nonce;
        ServerNonce = resPq.ServerNonce;
        (TmpAesKey, TmpAesIv) = AuthenticationTestSupport.TemporaryKey(ServerNonce, NewNonce);
    }

    /// <summary>The client's random bytes: nonce at [0, 16), new_nonce at [16, 48), then the rest.</summary>
    public byte[] Script { get; }

    /// <summary>req_pq_multi, req_DH_params, set_client_DH_params.</summary>
    public List<byte[]> ClientMessages { get; }

    /// <summary>resPQ, server_DH_params_ok, dh_gen_ok.</summary>
    public List<byte[]> ServerMessages { get; }

    /// <summary>The client's result.</summary>
    public AuthKeyResult Result { get; }

    /// <summary>The exchange's nonce.</summary>
    public Int128 Nonce { get; }

    /// <summary>The exchange's server_nonce.</summary>
    public Int128 ServerNonce { get; }

    /// <summary>The client's new_nonce.</summary>
    public byte[] NewNonce => Script[16..48];

    /// <summary>tmp_aes_key of this exchange.</summary>
    public byte[] TmpAesKey { get; }

    /// <summary>tmp_aes_iv of this exchange.</summary>
    public byte[] TmpAesIv { get; }

    /// <summary>A fresh client with the same randomness as the recorded one.</summary>
    public ClientAuthenticator NewClient(int maxRetries = 5) => new(new ClientAuthenticatorOptions
    {
        PublicKeys = [AuthenticationTestSupport.ServerKey.PublicKey],
        DcId = _dcId,
        TemporaryKeyExpiresIn = _expiresIn,
        Random = new ScriptedRandom(Script),
        Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(AuthenticationTestSupport.Now)),
        MaxRetries = maxRetries,
    });

    /// <summary>A fresh server with the same randomness as the recorded one.</summary>
    public ServerAuthenticator NewServer(Func<long, bool>? inUse = null, bool acceptLegacy = true, int maxRetries = 5) => new(new ServerAuthenticatorOptions
    {
        PrivateKeys = [AuthenticationTestSupport.ServerKey],
        Random = new SeededRandom(_seed + 1000),
        Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(AuthenticationTestSupport.Now)),
        IsAuthKeyIdInUse = inUse,
        AcceptLegacyEncryption = acceptLegacy,
        MaxRetries = maxRetries,
    });

    /// <summary>A client that has sent <paramref name="answered"/> + 1 requests and received the first <paramref name="answered"/> answers.</summary>
    public ClientAuthenticator ClientAt(int answered)
    {
        var client = NewClient();
        client.Start();
        for (var i = 0; i < answered; i++)
            client.Process(ServerMessages[i]);
        return client;
    }

    /// <summary>A server that has processed the first <paramref name="processed"/> requests.</summary>
    public ServerAuthenticator ServerAt(int processed, Func<long, bool>? inUse = null, bool acceptLegacy = true)
    {
        var server = NewServer(inUse, acceptLegacy);
        for (var i = 0; i < processed; i++)
            server.Process(ClientMessages[i]);
        return server;
    }

    /// <summary>Decrypts the answer of a server_DH_params_ok body with this exchange's temporary key (hash included).</summary>
    public byte[] DecryptAnswer(byte[] serverDhParamsOk)
    {
        var ok = (MtTypes.ServerDHParamsOk)AuthenticationTestSupport.Read(serverDhParamsOk, MtAbcs.ServerDHParams.ReadBoxed);
        var plain = (byte[])ok.EncryptedAnswer.Clone();
        AesIge.Decrypt(TmpAesKey, TmpAesIv, plain);
        return plain;
    }

    /// <summary>Decrypts the data of a set_client_DH_params body with this exchange's temporary key (hash included).</summary>
    public byte[] DecryptClientData(byte[] setClientDhParams)
    {
        var reader = new Telethon.Tl.TlReader(setClientDhParams);
        reader.ReadUInt32();
        var request = Telethon.Tl.Mtproto.Functions.SetClientDHParams.ReadBare(ref reader);
        var plain = (byte[])request.EncryptedData.Clone();
        AesIge.Decrypt(TmpAesKey, TmpAesIv, plain);
        return plain;
    }

    /// <summary>A server_DH_params_ok carrying <paramref name="inner"/> encrypted with this exchange's temporary key.</summary>
    public byte[] ServerDhParamsOk(byte[] inner, int padding = -1) => new MtTypes.ServerDHParamsOk
    {
        Nonce = Nonce,
        ServerNonce = ServerNonce,
        EncryptedAnswer = AuthenticationTestSupport.EncryptWithHash(inner, TmpAesKey, TmpAesIv, padding),
    }.ToBytes();

    /// <summary>A set_client_DH_params carrying <paramref name="inner"/> encrypted with this exchange's temporary key.</summary>
    public byte[] SetClientDhParams(byte[] inner) => new Telethon.Tl.Mtproto.Functions.SetClientDHParams
    {
        Nonce = Nonce,
        ServerNonce = ServerNonce,
        EncryptedData = AuthenticationTestSupport.EncryptWithHash(inner, TmpAesKey, TmpAesIv),
    }.ToBytes();

    /// <summary>The server_DH_inner_data the recorded server sent.</summary>
    public MtTypes.ServerDHInnerData ServerInnerData()
    {
        var plain = DecryptAnswer(ServerMessages[1]);
        return (MtTypes.ServerDHInnerData)AuthenticationTestSupport.Read(plain[20..], MtAbcs.ServerDHInnerData.ReadBoxed);
    }

    /// <summary>The client_DH_inner_data of a recorded set_client_DH_params.</summary>
    public MtTypes.ClientDHInnerData ClientInnerData(byte[] setClientDhParams)
    {
        var plain = DecryptClientData(setClientDhParams);
        return (MtTypes.ClientDHInnerData)AuthenticationTestSupport.Read(plain[20..], MtAbcs.ClientDHInnerData.ReadBoxed);
    }
}
