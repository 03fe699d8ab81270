using System.Numerics;
using System.Security.Cryptography;
using Telethon.Crypto;
using Telethon.Tl;
using MtAbcs = Telethon.Tl.Mtproto.Abcs;
using MtFunctions = Telethon.Tl.Mtproto.Functions;
using MtTypes = Telethon.Tl.Mtproto.Types;

namespace Telethon.Mtproto.Authentication;

/// <summary>
/// The server side of the auth-key exchange (core.telegram.org/mtproto/auth_key) as a sans-IO state
/// machine over plain-message bodies: each request the client sends (req_pq_multi or req_pq,
/// req_DH_params, set_client_DH_params) is fed to <see cref="Process"/>, which returns the answer to
/// send; the answer to the last one is dh_gen_ok, returned together with the result.
/// </summary>
/// <remarks>
/// <para>resPQ carries a fresh pq made of two random primes in [2^30, 2^31) and the fingerprints of
/// the configured keys. req_DH_params must repeat nonce, server_nonce, p and q exactly and name a known
/// fingerprint; encrypted_data is decrypted as RSA_PAD and, when that fails and
/// <see cref="ServerAuthenticatorOptions.AcceptLegacyEncryption"/> is set, as the older
/// RSA(SHA1(data) + data + padding). All four p_q_inner_data forms are accepted; their pq, p, q and
/// nonces must match, and expires_in must be positive (otherwise the answer is server_DH_params_fail).
/// The server uses Telegram's 2048-bit dh_prime with <see cref="ServerAuthenticatorOptions.G"/>, a
/// random 2048-bit a with g_a range-checked, and wraps server_DH_inner_data with its SHA-1 and 0 to 15
/// random padding bytes before AES-256-IGE. set_client_DH_params must carry the right retry_id and a
/// g_b in range (otherwise dh_gen_fail); the auth key is g_b^a mod dh_prime as 256 big-endian bytes.
/// An auth_key_id that <see cref="ServerAuthenticatorOptions.IsAuthKeyIdInUse"/> reports taken gets
/// dh_gen_retry.</para>
/// <para>Any failure throws <see cref="AuthenticationException"/> (with <see cref="AuthenticationException.Reply"/>
/// set when the protocol answers it) and spends the instance: later calls throw
/// <see cref="InvalidOperationException"/>. An instance serves one exchange and is not thread-safe.</para>
/// </remarks>
public sealed class ServerAuthenticator
{
    private readonly Dictionary<long, RsaPrivateKey> _keys = [];
    private readonly long[] _fingerprints;
    private readonly IRandomSource _random;
    private readonly TimeProvider _time;
    private readonly Func<long, bool>? _isAuthKeyIdInUse;
    private readonly int _g;
    private readonly bool _acceptLegacy;
    private readonly int _maxRetries;

    private readonly byte[] _newNonce = new byte[MtProtoKdf.NewNonceSize];
    private readonly byte[] _tmpAesKey = new byte[AesIge.KeySize];
    private readonly byte[] _tmpAesIv = new byte[AesIge.IvSize];
    private State _state;
    private AuthenticationException? _failure;
    private Int128 _nonce;
    private Int128 _serverNonce;
    private byte[] _pq = [];
    private byte[] _p = [];
    private byte[] _q = [];
    private byte[] _a = [];
    private int? _dcId;
    private int? _expiresIn;
    private long _expectedRetryId;
    private int _retries;
    private AuthKeyResult? _result;

    /// <summary>Creates the state machine for one exchange; it waits for req_pq_multi or req_pq.</summary>
    /// <exception cref="ArgumentException">
    /// No key, a key that is not 2048 bits, two keys with one fingerprint, a g that does not suit
    /// Telegram's dh_prime, or a negative retry limit.
    /// </exception>
    public ServerAuthenticator(ServerAuthenticatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.PrivateKeys);
        ArgumentNullException.ThrowIfNull(options.Random);
        ArgumentNullException.ThrowIfNull(options.Time);
        if (options.PrivateKeys.Count == 0)
            throw new ArgumentException("At least one RSA private key is needed.", nameof(options));
        var fingerprints = new List<long>(options.PrivateKeys.Count);
        foreach (var key in options.PrivateKeys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(options));
            if (key.PublicKey.Modulus.GetBitLength() != 2048)
                throw new ArgumentException("RSA_PAD needs 2048-bit keys.", nameof(options));
            if (!_keys.TryAdd(key.PublicKey.Fingerprint, key))
                throw new ArgumentException($"Two keys share the fingerprint {key.PublicKey.Fingerprint}.", nameof(options));
            fingerprints.Add(key.PublicKey.Fingerprint);
        }
        try
        {
            DhValidator.CheckPrimeAndGenerator(DhValidator.TelegramPrime, options.G);
        }
        catch (DhValidationException e)
        {
            throw new ArgumentException($"g = {options.G} cannot be used with Telegram's dh_prime: {e.Message}", nameof(options), e);
        }
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options));
        _fingerprints = [.. fingerprints];
        _random = options.Random;
        _time = options.Time;
        _isAuthKeyIdInUse = options.IsAuthKeyIdInUse;
        _g = options.G;
        _acceptLegacy = options.AcceptLegacyEncryption;
        _maxRetries = options.MaxRetries;
    }

    private enum State
    {
        AwaitingReqPq,
        AwaitingReqDhParams,
        AwaitingSetClientDhParams,
        Completed,
        Failed,
    }

    /// <summary>The key once dh_gen_ok has been produced, otherwise null.</summary>
    public AuthKeyResult? Result => _result;

    /// <summary>
    /// Feeds the body of the client's request and returns the answer to send; the step that answers
    /// dh_gen_ok also carries the result.
    /// </summary>
    /// <param name="body">The TL body of the plain message the client sent.</param>
    /// <exception cref="AuthenticationException">The request fails a check; the instance is spent.</exception>
    /// <exception cref="InvalidOperationException">The exchange has finished or failed earlier.</exception>
    public AuthenticationStep Process(ReadOnlySpan<byte> body)
    {
        switch (_state)
        {
            case State.Completed:
                throw HandshakeCodec.Spent(nameof(ServerAuthenticator), failed: false, null);
            case State.Failed:
                throw HandshakeCodec.Spent(nameof(ServerAuthenticator), failed: true, _failure);
        }

        try
        {
            return _state switch
            {
                State.AwaitingReqPq => OnReqPq(body),
                State.AwaitingReqDhParams => OnReqDhParams(body),
                _ => OnSetClientDhParams(body),
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

    private AuthenticationStep OnReqPq(ReadOnlySpan<byte> body)
    {
        var id = HandshakeCodec.PeekConstructorId(body);
        _nonce = id switch
        {
            MtFunctions.ReqPqMulti.TlConstructorId => HandshakeCodec.ReadExact(body, MtFunctions.ReqPqMulti.ReadBare, "req_pq_multi").Nonce,
            MtFunctions.ReqPq.TlConstructorId => HandshakeCodec.ReadExact(body, MtFunctions.ReqPq.ReadBare, "req_pq").Nonce,
            _ => throw HandshakeCodec.Unexpected(id, "req_pq_multi or req_pq"),
        };

        Span<byte> serverNonce = stackalloc byte[MtProtoKdf.NonceSize];
        _random.Fill(serverNonce);
        _serverNonce = HandshakeCodec.ToInt128(serverNonce);
        var pq = PqFactorizer.GeneratePq(_random);
        _pq = HandshakeCodec.ToBigEndian(pq.Product);
        _p = HandshakeCodec.ToBigEndian(pq.P);
        _q = HandshakeCodec.ToBigEndian(pq.Q);
        _state = State.AwaitingReqDhParams;
        var answer = new MtTypes.ResPQ
        {
            Nonce = _nonce,
            ServerNonce = _serverNonce,
            Pq = _pq,
            ServerPublicKeyFingerprints = [.. _fingerprints],
        };
        return new AuthenticationStep(answer.ToBytes(), null);
    }

    private AuthenticationStep OnReqDhParams(ReadOnlySpan<byte> body)
    {
        var id = HandshakeCodec.PeekConstructorId(body);
        if (id != MtFunctions.ReqDHParams.TlConstructorId)
            throw HandshakeCodec.Unexpected(id, "req_DH_params");
        var request = HandshakeCodec.ReadExact(body, MtFunctions.ReqDHParams.ReadBare, "req_DH_params");
        CheckNonces(request.Nonce, request.ServerNonce, "req_DH_params");
        if (!request.P.AsSpan().SequenceEqual(_p) || !request.Q.AsSpan().SequenceEqual(_q))
            throw new AuthenticationException(AuthenticationFailure.BadPq, "req_DH_params carries other p and q than the factors of resPQ's pq.");
        if (!_keys.TryGetValue(request.PublicKeyFingerprint, out var key))
            throw new AuthenticationException(
                AuthenticationFailure.UnknownFingerprint, $"req_DH_params names the key {request.PublicKeyFingerprint}, which this server does not have.");

        var inner = DecryptInnerData(key, request.EncryptedData);
        var (pq, p, q, nonce, serverNonce, newNonce, dc, expiresIn) = inner switch
        {
            MtTypes.PQInnerData d => (d.Pq, d.P, d.Q, d.Nonce, d.ServerNonce, d.NewNonce, (int?)null, (int?)null),
            MtTypes.PQInnerDataDc d => (d.Pq, d.P, d.Q, d.Nonce, d.ServerNonce, d.NewNonce, d.Dc, (int?)null),
            MtTypes.PQInnerDataTemp d => (d.Pq, d.P, d.Q, d.Nonce, d.ServerNonce, d.NewNonce, (int?)null, d.ExpiresIn),
            MtTypes.PQInnerDataTempDc d => (d.Pq, d.P, d.Q, d.Nonce, d.ServerNonce, d.NewNonce, d.Dc, d.ExpiresIn),
            _ => throw new AuthenticationException(AuthenticationFailure.UnexpectedMessage, $"Unknown p_q_inner_data form {inner.TlName}."),
        };
        newNonce.CopyTo(_newNonce);

        // From here on the client's new_nonce is known, so refusals are answered with server_DH_params_fail.
        if (nonce != _nonce || serverNonce != _serverNonce)
            throw RefuseDhParams(AuthenticationFailure.NonceMismatch, "p_q_inner_data carries other nonces than req_DH_params.");
        if (!pq.AsSpan().SequenceEqual(_pq) || !p.AsSpan().SequenceEqual(_p) || !q.AsSpan().SequenceEqual(_q))
            throw RefuseDhParams(AuthenticationFailure.BadPq, "p_q_inner_data carries another pq, p or q than resPQ.");
        if (expiresIn is <= 0)
            throw RefuseDhParams(AuthenticationFailure.InvalidParameters, $"A temporary key cannot expire in {expiresIn} seconds.");
        _dcId = dc;
        _expiresIn = expiresIn;

        MtProtoKdf.DeriveTemporaryKey(HandshakeCodec.ToBytes(_serverNonce), _newNonce, _tmpAesKey, _tmpAesIv);
        var (a, gA) = HandshakeCodec.GenerateDhPair(_g, DhValidator.TelegramPrimeBytes, _random);
        CryptographicOperations.ZeroMemory(_a);
        _a = a;
        var answer = new MtTypes.ServerDHInnerData
        {
            Nonce = _nonce,
            ServerNonce = _serverNonce,
            G = _g,
            DhPrime = DhValidator.TelegramPrimeBytes.ToArray(),
            GA = gA,
            ServerTime = HandshakeCodec.UnixNow(_time),
        }.ToBytes();
        var ok = new MtTypes.ServerDHParamsOk
        {
            Nonce = _nonce,
            ServerNonce = _serverNonce,
            EncryptedAnswer = HandshakeCodec.EncryptWithHash(answer, _tmpAesKey, _tmpAesIv, _random),
        };
        _state = State.AwaitingSetClientDhParams;
        return new AuthenticationStep(ok.ToBytes(), null);
    }

    /// <summary>
    /// Recovers p_q_inner_data from encrypted_data: RSA_PAD first, then (if allowed) the older
    /// RSA(SHA1(data) + data + padding), whose 255 bytes decrypt to 256 with a leading zero.
    /// </summary>
    private MtAbcs.PQInnerData DecryptInnerData(RsaPrivateKey key, byte[] encryptedData)
    {
        byte[] dataWithPadding;
        try
        {
            dataWithPadding = key.DecryptRsaPad(encryptedData);
        }
        catch (RsaPadException padError)
        {
            if (_acceptLegacy && TryDecryptLegacy(key, encryptedData) is { } legacy)
                return legacy;
            throw new AuthenticationException(
                AuthenticationFailure.BadHash, $"encrypted_data is not valid for the key {key.PublicKey.Fingerprint}: {padError.Message}", padError);
        }

        try
        {
            var reader = new TlReader(dataWithPadding);
            return MtAbcs.PQInnerData.ReadBoxed(ref reader);
        }
        catch (TlDecodeException e)
        {
            throw HandshakeCodec.Malformed("p_q_inner_data", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataWithPadding);
        }
    }

    private static MtAbcs.PQInnerData? TryDecryptLegacy(RsaPrivateKey key, byte[] encryptedData)
    {
        const int hashSize = 20;
        if (encryptedData.Length != key.PublicKey.ModulusSize || encryptedData.Length != 256)
            return null;
        byte[] plain;
        try
        {
            plain = key.DecryptRaw(encryptedData);
        }
        catch (CryptoException)
        {
            return null;
        }
        try
        {
            if (plain[0] != 0)
                return null;
            var data = plain.AsSpan(1 + hashSize);
            MtAbcs.PQInnerData inner;
            int length;
            try
            {
                var reader = new TlReader(data);
                inner = MtAbcs.PQInnerData.ReadBoxed(ref reader);
                length = reader.Position;
            }
            catch (TlDecodeException)
            {
                return null;
            }
            Span<byte> hash = stackalloc byte[hashSize];
            SHA1.HashData(data[..length], hash);
            return ConstantTime.AreEqual(hash, plain.AsSpan(1, hashSize)) ? inner : null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private AuthenticationException RefuseDhParams(AuthenticationFailure reason, string message)
    {
        var reply = new MtTypes.ServerDHParamsFail
        {
            Nonce = _nonce,
            ServerNonce = _serverNonce,
            NewNonceHash = HandshakeCodec.NewNonceSha1(_newNonce),
        }.ToBytes();
        return new AuthenticationException(reason, message, reply: reply);
    }

    private AuthenticationStep OnSetClientDhParams(ReadOnlySpan<byte> body)
    {
        var id = HandshakeCodec.PeekConstructorId(body);
        if (id != MtFunctions.SetClientDHParams.TlConstructorId)
            throw HandshakeCodec.Unexpected(id, "set_client_DH_params");
        var request = HandshakeCodec.ReadExact(body, MtFunctions.SetClientDHParams.ReadBare, "set_client_DH_params");
        CheckNonces(request.Nonce, request.ServerNonce, "set_client_DH_params");
        var data = HandshakeCodec.DecryptWithHash(request.EncryptedData, _tmpAesKey, _tmpAesIv, "data of set_client_DH_params");
        var innerId = HandshakeCodec.PeekConstructorId(data);
        if (innerId != MtTypes.ClientDHInnerData.TlConstructorId)
            throw HandshakeCodec.Unexpected(innerId, "client_DH_inner_data");
        var inner = HandshakeCodec.ReadExact(data, MtTypes.ClientDHInnerData.ReadBare, "client_DH_inner_data");
        CheckNonces(inner.Nonce, inner.ServerNonce, "client_DH_inner_data");
        if (inner.GB.Length > MtProtoKdf.AuthKeySize)
            throw new AuthenticationException(AuthenticationFailure.DhCheckFailed, $"g_b is {inner.GB.Length} bytes, longer than dh_prime.");

        var prime = DhValidator.TelegramPrime;
        var gB = BigEndian.ToBigInteger(inner.GB);
        var keyBytes = ModularPower.Compute(inner.GB, _a, DhValidator.TelegramPrimeBytes, MtProtoKdf.AuthKeySize);
        var key = new AuthKey(keyBytes);
        CryptographicOperations.ZeroMemory(keyBytes);

        // The key is computed, so refusals from here on are answered with dh_gen_fail.
        try
        {
            DhValidator.CheckPublicValue(gB, prime);
        }
        catch (DhValidationException e)
        {
            throw new AuthenticationException(AuthenticationFailure.DhCheckFailed, e.Message, e, DhGenFail(key));
        }
        if (inner.RetryId != _expectedRetryId)
            throw new AuthenticationException(
                AuthenticationFailure.InvalidParameters,
                $"client_DH_inner_data carries retry_id {inner.RetryId}; {_expectedRetryId} was expected.",
                reply: DhGenFail(key));

        if (_isAuthKeyIdInUse?.Invoke(key.Id) == true)
        {
            if (_retries >= _maxRetries)
                throw new AuthenticationException(
                    AuthenticationFailure.RetryLimitExceeded,
                    $"The auth_key_id was taken {_retries + 1} times in a row.",
                    reply: DhGenFail(key));
            _retries++;
            _expectedRetryId = key.AuxHash;
            var retry = new MtTypes.DhGenRetry
            {
                Nonce = _nonce,
                ServerNonce = _serverNonce,
                NewNonceHash2 = HandshakeCodec.NewNonceHash(key, _newNonce, 2),
            };
            return new AuthenticationStep(retry.ToBytes(), null);
        }

        var ok = new MtTypes.DhGenOk
        {
            Nonce = _nonce,
            ServerNonce = _serverNonce,
            NewNonceHash1 = HandshakeCodec.NewNonceHash(key, _newNonce, 1),
        };
        _result = new AuthKeyResult(key, HandshakeCodec.FirstSalt(_newNonce, HandshakeCodec.ToBytes(_serverNonce)), 0, _dcId, _expiresIn);
        _state = State.Completed;
        Wipe();
        return new AuthenticationStep(ok.ToBytes(), _result);
    }

    private byte[] DhGenFail(AuthKey key) => new MtTypes.DhGenFail
    {
        Nonce = _nonce,
        ServerNonce = _serverNonce,
        NewNonceHash3 = HandshakeCodec.NewNonceHash(key, _newNonce, 3),
    }.ToBytes();

    private void CheckNonces(Int128 nonce, Int128 serverNonce, string name)
    {
        if (nonce != _nonce)
            throw new AuthenticationException(AuthenticationFailure.NonceMismatch, $"{name} carries another nonce than req_pq_multi.");
        if (serverNonce != _serverNonce)
            throw new AuthenticationException(AuthenticationFailure.NonceMismatch, $"{name} carries another server_nonce than resPQ.");
    }

    /// <summary>Clears the secrets that are no longer needed (the key itself lives on in the result).</summary>
    private void Wipe()
    {
        CryptographicOperations.ZeroMemory(_newNonce);
        CryptographicOperations.ZeroMemory(_tmpAesKey);
        CryptographicOperations.ZeroMemory(_tmpAesIv);
        CryptographicOperations.ZeroMemory(_a);
        _a = [];
    }
}
