using System.Numerics;
using System.Security.Cryptography;
using Telethon.Crypto;
using MtAbcs = Telethon.Tl.Mtproto.Abcs;
using MtFunctions = Telethon.Tl.Mtproto.Functions;
using MtTypes = Telethon.Tl.Mtproto.Types;

namespace Telethon.Mtproto.Authentication;

/// <summary>
/// The client side of the auth-key exchange (core.telegram.org/mtproto/auth_key) as a sans-IO state
/// machine over plain-message bodies: <see cref="Start"/> gives req_pq_multi, and each answer fed to
/// <see cref="Process"/> gives the next request (req_DH_params, set_client_DH_params) until dh_gen_ok
/// yields the key. Wrapping bodies in plain messages (auth_key_id 0, msg_id, length) and moving them
/// is the caller's job.
/// </summary>
/// <remarks>
/// <para>Checks, as the security guidelines ask: nonce and server_nonce in every answer; pq is split
/// and p &lt; q sent back; the SHA-1 of the decrypted answer; dh_prime is a 2048-bit safe prime that g
/// generates a subgroup of prime order in; 2^1984 ≤ g_a, g_b ≤ dh_prime − 2^1984; new_nonce_hash1, 2 or
/// 3 of dh_gen_ok, dh_gen_retry and dh_gen_fail, and the SHA-1 hash of server_DH_params_fail.</para>
/// <para>p_q_inner_data is encrypted with RSA_PAD; when the encrypted value does not fit under the
/// modulus a fresh random temp_key is drawn (the approach of Telethon, which the known-answer vectors
/// follow). dh_gen_retry is followed with retry_id = aux_hash of the refused key and a new b, up to
/// <see cref="ClientAuthenticatorOptions.MaxRetries"/> times.</para>
/// <para>Any failure throws <see cref="AuthenticationException"/> and spends the instance: later calls
/// throw <see cref="InvalidOperationException"/>. An instance is not thread-safe.</para>
/// </remarks>
public sealed class ClientAuthenticator
{
    private readonly RsaPublicKey[] _keys;
    private readonly int? _dcId;
    private readonly int? _expiresIn;
    private readonly IRandomSource _random;
    private readonly TimeProvider _time;
    private readonly int _maxRetries;
    private readonly int _maxRsaPadAttempts;

    private readonly byte[] _newNonce = new byte[MtProtoKdf.NewNonceSize];
    private readonly byte[] _tmpAesKey = new byte[AesIge.KeySize];
    private readonly byte[] _tmpAesIv = new byte[AesIge.IvSize];
    private State _state;
    private AuthenticationException? _failure;
    private Int128 _nonce;
    private Int128 _serverNonce;
    private int _g;
    private byte[] _dhPrime = [];
    private byte[] _gA = [];
    private int _timeOffset;
    private AuthKey? _authKey;
    private long _retryId;
    private int _retries;
    private AuthKeyResult? _result;

    /// <summary>Creates the state machine; nothing is sent until <see cref="Start"/>.</summary>
    /// <exception cref="ArgumentException">
    /// No public key, a key that is not 2048 bits (RSA_PAD needs one), a non-positive expires_in or a
    /// negative retry limit.
    /// </exception>
    public ClientAuthenticator(ClientAuthenticatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.PublicKeys);
        ArgumentNullException.ThrowIfNull(options.Random);
        ArgumentNullException.ThrowIfNull(options.Time);
        if (options.PublicKeys.Count == 0)
            throw new ArgumentException("At least one server public key is needed.", nameof(options));
        foreach (var key in options.PublicKeys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(options));
            if (key.Modulus.GetBitLength() != 2048)
                throw new ArgumentException(
                    $"RSA_PAD needs 2048-bit keys; the key {key.Fingerprint} has {key.Modulus.GetBitLength()} bits.", nameof(options));
        }
        if (options.TemporaryKeyExpiresIn is <= 0)
            throw new ArgumentException("A temporary key's expires_in must be positive.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRsaPadAttempts, 1, nameof(options));
        _keys = [.. options.PublicKeys];
        _dcId = options.DcId;
        _expiresIn = options.TemporaryKeyExpiresIn;
        _random = options.Random;
        _time = options.Time;
        _maxRetries = options.MaxRetries;
        _maxRsaPadAttempts = options.MaxRsaPadAttempts;
    }

    private enum State
    {
        NotStarted,
        AwaitingResPq,
        AwaitingServerDhParams,
        AwaitingDhGenAnswer,
        Completed,
        Failed,
    }

    /// <summary>The key once the exchange has finished, otherwise null.</summary>
    public AuthKeyResult? Result => _result;

    /// <summary>How many temp_keys RSA_PAD tried for req_DH_params (0 before resPQ).</summary>
    internal int RsaPadAttempts { get; private set; }

    /// <summary>
    /// Begins the exchange: draws the nonce and returns the body of req_pq_multi to send.
    /// </summary>
    /// <exception cref="InvalidOperationException">The exchange has already started.</exception>
    public byte[] Start()
    {
        if (_state != State.NotStarted)
            throw new InvalidOperationException("The exchange has already started; create a new ClientAuthenticator for another one.");
        Span<byte> nonce = stackalloc byte[MtProtoKdf.NonceSize];
        _random.Fill(nonce);
        _nonce = HandshakeCodec.ToInt128(nonce);
        _state = State.AwaitingResPq;
        return new MtFunctions.ReqPqMulti { Nonce = _nonce }.ToBytes();
    }

    /// <summary>
    /// Feeds the body of the server's answer (resPQ, server_DH_params_ok/fail, dh_gen_ok/retry/fail)
    /// and returns what to send next, or the result once dh_gen_ok has been checked.
    /// </summary>
    /// <param name="body">The TL body of the plain message the server sent.</param>
    /// <exception cref="AuthenticationException">The answer fails a check; the instance is spent.</exception>
    /// <exception cref="InvalidOperationException">
    /// <see cref="Start"/> was not called, the exchange has finished, or it failed earlier.
    /// </exception>
    public AuthenticationStep Process(ReadOnlySpan<byte> body)
    {
        switch (_state)
        {
            case State.NotStarted:
                throw new InvalidOperationException("Call Start and send req_pq_multi before processing answers.");
            case State.Completed:
                throw HandshakeCodec.Spent(nameof(ClientAuthenticator), failed: false, null);
            case State.Failed:
                throw HandshakeCodec.Spent(nameof(ClientAuthenticator), failed: true, _failure);
        }

        try
        {
            return _state switch
            {
                State.AwaitingResPq => OnResPq(body),
                State.AwaitingServerDhParams => OnServerDhParams(body),
                _ => OnDhGenAnswer(body),
            };
        }
        catch (Exception e)
        {
            _failure = e as AuthenticationException;
            _state = State.Failed;
            Wipe();
            throw;
        }
    }

    private AuthenticationStep OnResPq(ReadOnlySpan<byte> body)
    {
        var id = HandshakeCodec.PeekConstructorId(body);
        if (id != MtTypes.ResPQ.TlConstructorId)
            throw HandshakeCodec.Unexpected(id, "resPQ");
        var resPq = HandshakeCodec.ReadExact(body, MtTypes.ResPQ.ReadBare, "resPQ");
        if (resPq.Nonce != _nonce)
            throw new AuthenticationException(AuthenticationFailure.NonceMismatch, "resPQ carries another nonce than req_pq_multi.");

        var key = PickKey(resPq.ServerPublicKeyFingerprints);
        PqPair pq;
        try
        {
            pq = PqFactorizer.Factorize(resPq.Pq);
        }
        catch (CryptoException e)
        {
            throw new AuthenticationException(AuthenticationFailure.BadPq, $"pq cannot be factorised: {e.Message}", e);
        }

        _serverNonce = resPq.ServerNonce;
        _random.Fill(_newNonce);
        var innerData = BuildInnerData(resPq.Pq, pq, Int256OfNewNonce()).ToBytes();
        var encrypted = key.EncryptRsaPadLimited(innerData, _random, _maxRsaPadAttempts, out var attempts);
        RsaPadAttempts = attempts;
        MtProtoKdf.DeriveTemporaryKey(HandshakeCodec.ToBytes(_serverNonce), _newNonce, _tmpAesKey, _tmpAesIv);
        _state = State.AwaitingServerDhParams;
        var request = new MtFunctions.ReqDHParams
        {
            Nonce = _nonce,
            ServerNonce = _serverNonce,
            P = HandshakeCodec.ToBigEndian(pq.P),
            Q = HandshakeCodec.ToBigEndian(pq.Q),
            PublicKeyFingerprint = key.Fingerprint,
            EncryptedData = encrypted,
        };
        return new AuthenticationStep(request.ToBytes(), null);
    }

    private RsaPublicKey PickKey(long[] fingerprints)
    {
        foreach (var fingerprint in fingerprints)
        {
            foreach (var key in _keys)
            {
                if (key.Fingerprint == fingerprint)
                    return key;
            }
        }
        throw new AuthenticationException(
            AuthenticationFailure.UnknownFingerprint,
            $"None of the server's key fingerprints ({string.Join(", ", fingerprints)}) is a known key.");
    }

    private MtAbcs.PQInnerData BuildInnerData(byte[] pqBytes, PqPair pq, Telethon.Tl.Int256 newNonce)
    {
        var p = HandshakeCodec.ToBigEndian(pq.P);
        var q = HandshakeCodec.ToBigEndian(pq.Q);
        return (_dcId, _expiresIn) switch
        {
            (null, null) => new MtTypes.PQInnerData
            {
                Pq = pqBytes, P = p, Q = q, Nonce = _nonce, ServerNonce = _serverNonce, NewNonce = newNonce,
            },
            ({ } dc, null) => new MtTypes.PQInnerDataDc
            {
                Pq = pqBytes, P = p, Q = q, Nonce = _nonce, ServerNonce = _serverNonce, NewNonce = newNonce, Dc = dc,
            },
            (null, { } expiresIn) => new MtTypes.PQInnerDataTemp
            {
                Pq = pqBytes, P = p, Q = q, Nonce = _nonce, ServerNonce = _serverNonce, NewNonce = newNonce, ExpiresIn = expiresIn,
            },
            ({ } dc, { } expiresIn) => new MtTypes.PQInnerDataTempDc
            {
                Pq = pqBytes, P = p, Q = q, Nonce = _nonce, ServerNonce = _serverNonce, NewNonce = newNonce, Dc = dc, ExpiresIn = expiresIn,
            },
        };
    }

    private AuthenticationStep OnServerDhParams(ReadOnlySpan<byte> body)
    {
        var id = HandshakeCodec.PeekConstructorId(body);
        if (id == MtTypes.ServerDHParamsFail.TlConstructorId)
        {
            var fail = HandshakeCodec.ReadExact(body, MtTypes.ServerDHParamsFail.ReadBare, "server_DH_params_fail");
            CheckNonces(fail.Nonce, fail.ServerNonce, "server_DH_params_fail");
            if (!HandshakeCodec.HashEquals(fail.NewNonceHash, HandshakeCodec.NewNonceSha1(_newNonce)))
                throw new AuthenticationException(AuthenticationFailure.BadHash, "server_DH_params_fail carries a wrong new_nonce_hash.");
            throw new AuthenticationException(AuthenticationFailure.ServerDhParamsFail, "The server refused req_DH_params with server_DH_params_fail.");
        }
        if (id != MtTypes.ServerDHParamsOk.TlConstructorId)
            throw HandshakeCodec.Unexpected(id, "server_DH_params_ok or server_DH_params_fail");

        var ok = HandshakeCodec.ReadExact(body, MtTypes.ServerDHParamsOk.ReadBare, "server_DH_params_ok");
        CheckNonces(ok.Nonce, ok.ServerNonce, "server_DH_params_ok");
        var answer = HandshakeCodec.DecryptWithHash(ok.EncryptedAnswer, _tmpAesKey, _tmpAesIv, "answer of server_DH_params_ok");
        var innerId = HandshakeCodec.PeekConstructorId(answer);
        if (innerId != MtTypes.ServerDHInnerData.TlConstructorId)
            throw HandshakeCodec.Unexpected(innerId, "server_DH_inner_data");
        var inner = HandshakeCodec.ReadExact(answer, MtTypes.ServerDHInnerData.ReadBare, "server_DH_inner_data");
        CheckNonces(inner.Nonce, inner.ServerNonce, "server_DH_inner_data");

        var dhPrime = BigEndian.ToBigInteger(inner.DhPrime);
        var gA = BigEndian.ToBigInteger(inner.GA);
        try
        {
            DhValidator.CheckPrimeAndGenerator(dhPrime, inner.G);
            DhValidator.CheckPublicValue(gA, dhPrime);
        }
        catch (DhValidationException e)
        {
            throw new AuthenticationException(AuthenticationFailure.DhCheckFailed, e.Message, e);
        }
        _g = inner.G;
        _dhPrime = BigEndian.ToBytes(dhPrime, MtProtoKdf.AuthKeySize);
        _gA = BigEndian.ToBytes(gA, MtProtoKdf.AuthKeySize);
        _timeOffset = inner.ServerTime - HandshakeCodec.UnixNow(_time);
        _state = State.AwaitingDhGenAnswer;
        return new AuthenticationStep(MakeSetClientDhParams(), null);
    }

    private byte[] MakeSetClientDhParams()
    {
        var (b, gB) = HandshakeCodec.GenerateDhPair(_g, _dhPrime, _random);
        var authKey = ModularPower.Compute(_gA, b, _dhPrime, MtProtoKdf.AuthKeySize);
        CryptographicOperations.ZeroMemory(b);
        _authKey = new AuthKey(authKey);
        CryptographicOperations.ZeroMemory(authKey);

        var inner = new MtTypes.ClientDHInnerData
        {
            Nonce = _nonce,
            ServerNonce = _serverNonce,
            RetryId = _retryId,
            GB = gB,
        }.ToBytes();
        var request = new MtFunctions.SetClientDHParams
        {
            Nonce = _nonce,
            ServerNonce = _serverNonce,
            EncryptedData = HandshakeCodec.EncryptWithHash(inner, _tmpAesKey, _tmpAesIv, _random),
        };
        return request.ToBytes();
    }

    private AuthenticationStep OnDhGenAnswer(ReadOnlySpan<byte> body)
    {
        var id = HandshakeCodec.PeekConstructorId(body);
        var key = _authKey!;
        if (id == MtTypes.DhGenOk.TlConstructorId)
        {
            var ok = HandshakeCodec.ReadExact(body, MtTypes.DhGenOk.ReadBare, "dh_gen_ok");
            CheckNonces(ok.Nonce, ok.ServerNonce, "dh_gen_ok");
            CheckNewNonceHash(ok.NewNonceHash1, key, 1, "dh_gen_ok");
            _result = new AuthKeyResult(
                key, HandshakeCodec.FirstSalt(_newNonce, HandshakeCodec.ToBytes(_serverNonce)), _timeOffset, _dcId, _expiresIn);
            _state = State.Completed;
            Wipe();
            return new AuthenticationStep(null, _result);
        }
        if (id == MtTypes.DhGenRetry.TlConstructorId)
        {
            var retry = HandshakeCodec.ReadExact(body, MtTypes.DhGenRetry.ReadBare, "dh_gen_retry");
            CheckNonces(retry.Nonce, retry.ServerNonce, "dh_gen_retry");
            CheckNewNonceHash(retry.NewNonceHash2, key, 2, "dh_gen_retry");
            if (_retries >= _maxRetries)
                throw new AuthenticationException(
                    AuthenticationFailure.RetryLimitExceeded, $"The server asked for a retry more than {_maxRetries} times.");
            _retries++;
            _retryId = key.AuxHash;
            return new AuthenticationStep(MakeSetClientDhParams(), null);
        }
        if (id == MtTypes.DhGenFail.TlConstructorId)
        {
            var fail = HandshakeCodec.ReadExact(body, MtTypes.DhGenFail.ReadBare, "dh_gen_fail");
            CheckNonces(fail.Nonce, fail.ServerNonce, "dh_gen_fail");
            CheckNewNonceHash(fail.NewNonceHash3, key, 3, "dh_gen_fail");
            throw new AuthenticationException(AuthenticationFailure.DhGenFail, "The server refused the key with dh_gen_fail.");
        }
        throw HandshakeCodec.Unexpected(id, "dh_gen_ok, dh_gen_retry or dh_gen_fail");
    }

    private void CheckNonces(Int128 nonce, Int128 serverNonce, string name)
    {
        if (nonce != _nonce)
            throw new AuthenticationException(AuthenticationFailure.NonceMismatch, $"{name} carries another nonce than this exchange's.");
        if (serverNonce != _serverNonce)
            throw new AuthenticationException(AuthenticationFailure.NonceMismatch, $"{name} carries another server_nonce than resPQ.");
    }

    private void CheckNewNonceHash(Int128 received, AuthKey key, int number, string name)
    {
        if (!HandshakeCodec.HashEquals(received, HandshakeCodec.NewNonceHash(key, _newNonce, number)))
            throw new AuthenticationException(AuthenticationFailure.BadHash, $"{name} carries a wrong new_nonce_hash{number}.");
    }

    private Telethon.Tl.Int256 Int256OfNewNonce() => Telethon.Tl.Int256.FromBytes(_newNonce);

    /// <summary>Clears the secrets that are no longer needed (the key itself lives on in the result).</summary>
    private void Wipe()
    {
        CryptographicOperations.ZeroMemory(_newNonce);
        CryptographicOperations.ZeroMemory(_tmpAesKey);
        CryptographicOperations.ZeroMemory(_tmpAesIv);
        _gA = [];
    }
}
