namespace Telethon.Sender;

/// <summary>
/// Tells the owner of a <see cref="SenderActor"/> that it made a new auth key for its DC. The owner persists it
/// (and the salt) and passes it as <see cref="SenderOptions.AuthKey"/> the next time it starts a sender there.
/// </summary>
/// <param name="DcId">The DC.</param>
/// <param name="Key">The 256-byte auth key (secret: never log it).</param>
/// <param name="KeyId">Its auth_key_id.</param>
/// <param name="ServerSalt">The first server salt.</param>
/// <param name="TimeOffset">Seconds to add to the local clock to get the server's, as measured by the exchange.</param>
internal sealed record AuthKeyCreated(int DcId, byte[] Key, long KeyId, long ServerSalt, int TimeOffset)
{
    /// <inheritdoc />
    public override string ToString() => $"AuthKeyCreated {{ DcId = {DcId}, KeyId = {KeyId:x16} }}";
}
