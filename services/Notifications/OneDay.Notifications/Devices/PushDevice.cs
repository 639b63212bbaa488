namespace OneDay.Notifications.Devices;

/// <summary>
/// A phone or browser that receives the user's push messages, known by the provider's registration token.
/// A token names one device, whoever is signed in on it: registering it again under another user moves it
/// there (the phone changed hands), and each user keeps at most <see cref="MaxPerUser"/>, the least
/// recently seen going first. Written only through <see cref="DeviceRegistry"/>, whose single statements
/// keep those rules under concurrent registrations.
/// </summary>
public sealed class PushDevice
{
    public const int MaxTokenLength = 512;
    public const int MaxPerUser = 10;

    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public required string Token { get; init; }
    public PushPlatform Platform { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset LastSeenAt { get; init; }
}
