namespace OneDay.Users.Verification;

/// <summary>
/// A one-time token just issued for one message: <see cref="Secret"/> goes into the message and nowhere else;
/// <see cref="Token"/>, the stored row, holds only its hash.
/// </summary>
public sealed record MintedToken(string Secret, OneTimeToken Token);
