using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Telethon.Crypto;
using Telethon.Mtproto.Authentication;
using Telethon.Tests.Crypto;
using Telethon.Tests.Support;
using MtAbcs = Telethon.Tl.Mtproto.Abcs;
using MtTypes = Telethon.Tl.Mtproto.Types;

namespace Telethon.Tests.Mtproto.Authentication;

/// <summary>
/// Drives <see cref="ClientAuthenticator"/> through the recorded exchanges of
/// ../shared/vectors/auth_key_gen.json with the recorded random bytes and checks every body it sends
/// and the key it ends with, byte for byte.
/// </summary>
public sealed class AuthKeyVectorTests
{
    private static JsonElement Flow(JsonDocument doc, string name) =>
        doc.RootElement.GetProperty("flows").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);

    private static byte[] HexOf(JsonElement element, string property) => Hex.Bytes(element.GetProperty(property).GetString()!);

    private static RsaPublicKey RsaKey(string name)
    {
        using var doc = SharedData.Json("vectors/rsa_keys.json");
        var key = doc.RootElement.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("name").GetString() == name);
        return RsaPublicKey.FromPem(key.GetProperty("pem").GetString()!);
    }

    /// <summary>Length of the p_q_inner_data the client will build for a resPQ (it decides how much RSA_PAD padding is drawn).</summary>
    private static int InnerDataLength(byte[] resPqBody, bool withDc)
    {
        var resPq = (MtTypes.ResPQ)AuthenticationTestSupport.Read(resPqBody, MtAbcs.ResPQ.ReadBoxed);
        var pq = PqFactorizer.Factorize(resPq.Pq);
        static byte[] Be(ulong v) => Convert.FromHexString(v.ToString("x").PadLeft((v.ToString("x").Length + 1) / 2 * 2, '0'));
        MtAbcs.PQInnerData inner = withDc
            ? new MtTypes.PQInnerDataDc { Pq = resPq.Pq, P = Be(pq.P), Q = Be(pq.Q), Dc = 2 }
            : new MtTypes.PQInnerData { Pq = resPq.Pq, P = Be(pq.P), Q = Be(pq.Q) };
        return inner.ToBytes().Length;
    }

    /// <summary>
    /// The grammers / Telethon flow against a test DC. Telethon's 288 step-2 bytes are new_nonce (32)
    /// then 256 RSA_PAD bytes laid out as padding = [0, 192 − len) and temp_key candidates at [192, 224)
    /// and [224, 256); <see cref="RsaPublicKey.EncryptRsaPad"/> draws padding then one temp_key per
    /// attempt, a fresh one on overflow like Telethon, so the script lists them in that order.
    /// </summary>
    [SkippableFact]
    public void ClientReproducesTheGrammersTelethonFlow()
    {
        using var doc = SharedData.Json("vectors/auth_key_gen.json");
        var flow = Flow(doc, "grammers_telethon_test_dc_flow");
        var resPq = HexOf(flow, "step1_response_resPQ");
        var step2 = HexOf(flow, "step2_random");
        var rsaRandom = step2[32..];
        var paddingLength = 192 - InnerDataLength(resPq, withDc: false);
        var random = new ScriptedRandom(
            HexOf(flow, "step1_random_nonce"),
            step2[..32],
            rsaRandom[..paddingLength],
            rsaRandom[192..224], // the vector notes that the first temp_key candidate fits
            HexOf(flow, "step3_random"));

        var client = new ClientAuthenticator(new ClientAuthenticatorOptions
        {
            PublicKeys = [RsaKey("production"), RsaKey("test")],
            DcId = null,
            Random = random,
            Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(flow.GetProperty("step3_now").GetInt64())),
        });

        Assert.Equal(flow.GetProperty("step1_request_req_pq_multi").GetString(), Hex.Of(client.Start()));

        var step = client.Process(resPq);
        Assert.Equal(flow.GetProperty("step2_request_req_DH_params").GetString(), Hex.Of(step.Outgoing));
        Assert.False(step.IsComplete);
        // The first temp_key fits under the modulus: the second candidate is not drawn.
        Assert.Equal(16 + 32 + paddingLength + 32, random.Consumed);

        step = client.Process(HexOf(flow, "step2_response_server_DH_params_ok"));
        Assert.Equal(flow.GetProperty("step3_request_set_client_DH_params").GetString(), Hex.Of(step.Outgoing));

        step = client.Process(HexOf(flow, "step3_response_dh_gen_ok"));
        Assert.True(step.IsComplete);
        Assert.Null(step.Outgoing);
        var result = step.Result;
        Assert.Equal(flow.GetProperty("expected_auth_key").GetString(), Hex.Of(result.Key.Data));
        Assert.Equal(MtProtoKdf.ComputeAuthKeyId(HexOf(flow, "expected_auth_key")), result.KeyId);
        Assert.Equal(flow.GetProperty("expected_first_salt").GetInt64(), result.ServerSalt);
        Assert.Equal(flow.GetProperty("expected_time_offset").GetInt32(), result.TimeOffset);
        Assert.Null(result.DcId);
        Assert.False(result.IsTemporary);
        Assert.Same(result, client.Result);
    }

    /// <summary>
    /// The sample exchange of core.telegram.org/mtproto/samples-auth_key (p_q_inner_data_dc, DC 2, the
    /// production key). The page does not give RSA_PAD's temp_key, so encrypted_data cannot match; every
    /// other field of req_DH_params, and every later body, is checked byte for byte.
    /// </summary>
    [SkippableFact]
    public void ClientReproducesTheOfficialSample()
    {
        using var doc = SharedData.Json("vectors/auth_key_gen.json");
        var flow = Flow(doc, "official_spec_samples_auth_key");
        const int plainHeader = 20; // auth_key_id, msg_id, message_length
        var resPq = HexOf(flow, "resPQ_message")[plainHeader..];
        var paddingLength = 192 - InnerDataLength(resPq, withDc: true);
        var padding = HexOf(flow, "rsa_pad_random_padding_bytes");
        Assert.Equal(paddingLength, padding.Length);
        var b = HexOf(flow, "b");
        var random = new ScriptedRandom(
            HexOf(flow, "nonce"),
            HexOf(flow, "new_nonce"),
            padding,
            new byte[32], // temp_key: the page does not give it; an all-zero one happens to fit under the modulus
            b,
            HexOf(flow, "client_DH_inner_data_padding"));

        var client = new ClientAuthenticator(new ClientAuthenticatorOptions
        {
            PublicKeys = [RsaKey("production")],
            DcId = flow.GetProperty("dc").GetInt32(),
            Random = random,
            Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(flow.GetProperty("server_time").GetInt64())),
        });

        Assert.Equal(Hex.Of(HexOf(flow, "req_pq_multi_message")[plainHeader..]), Hex.Of(client.Start()));

        var request = client.Process(resPq).Outgoing!;
        Assert.Equal(16 + 32 + paddingLength + 32, random.Consumed);
        var expected = HexOf(flow, "req_DH_params_message")[plainHeader..];
        var encryptedOffset = expected.Length - 256;
        Assert.Equal(expected.Length, request.Length);
        Assert.Equal(Hex.Of(expected[..encryptedOffset]), Hex.Of(request[..encryptedOffset]));
        Assert.Equal(flow.GetProperty("chosen_fingerprint_wire").GetString(), Hex.Of(request.AsSpan(encryptedOffset - 12, 8)));

        var serverDhParams = HexOf(flow.GetProperty("server_DH_params_ok"), "body");
        var setClientDhParams = client.Process(serverDhParams).Outgoing!;
        Assert.Equal(flow.GetProperty("set_client_DH_params").GetProperty("body").GetString(), Hex.Of(setClientDhParams));

        var result = client.Process(HexOf(flow, "dh_gen_ok_message")[plainHeader..]).Result!;
        Assert.Equal(flow.GetProperty("auth_key").GetString(), Hex.Of(result.Key.Data));
        Assert.Equal(0, result.TimeOffset);
        Assert.Equal(2, result.DcId);
        var newNonce = HexOf(flow, "new_nonce");
        var serverNonce = HexOf(flow, "server_nonce");
        Assert.Equal(
            BinaryPrimitives.ReadInt64LittleEndian(newNonce) ^ BinaryPrimitives.ReadInt64LittleEndian(serverNonce),
            result.ServerSalt);
    }

    /// <summary>The sample's server answer: its padding is 8 bytes, under 16, and the client finds it by the hash.</summary>
    [SkippableFact]
    public void SampleAnswerPaddingIsBelowSixteenBytes()
    {
        using var doc = SharedData.Json("vectors/auth_key_gen.json");
        var flow = Flow(doc, "official_spec_samples_auth_key");
        var answerWithHash = HexOf(flow, "answer_with_hash");
        var decrypted = (byte[])HexOf(flow, "encrypted_answer").Clone();
        AesIge.Decrypt(HexOf(flow, "tmp_aes_key"), HexOf(flow, "tmp_aes_iv"), decrypted);
        Assert.Equal(Hex.Of(answerWithHash), Hex.Of(decrypted));
        var inner = AuthenticationTestSupport.Read(decrypted[20..], MtAbcs.ServerDHInnerData.ReadBoxed);
        var padding = decrypted.Length - 20 - inner.ToBytes().Length;
        Assert.InRange(padding, 0, 15);
        Assert.Equal(8, padding);
    }
}
