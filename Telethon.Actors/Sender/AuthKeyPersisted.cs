namespace Telethon.Sender;

/// <summary>
/// The owner's answer to <see cref="AuthKeyCreated"/>: the key is stored. A sender sends nothing encrypted with a new
/// key before this arrives, so no request (a sign-in above all) ever depends on a key that a crash could lose.
/// </summary>
/// <param name="KeyId">The auth_key_id of the stored key.</param>
internal sealed record AuthKeyPersisted(long KeyId);
