namespace OneDay.Notifications.Devices;

/// <summary>
/// A device registration as the app sends it. Platform is read as text so an unknown one is a validation
/// problem naming the field, like any other bad value, rather than an unreadable body.
/// </summary>
public sealed record RegisterDeviceRequest(string? Token, string? Platform);

/// <summary>A registered device as its owner sees it: the token only by its ending, since a whole token lets anyone push to the phone.</summary>
public sealed record PushDeviceView(Guid Id, PushPlatform Platform, string TokenEnding, DateTimeOffset RegisteredAt, DateTimeOffset LastSeenAt)
{
    private const int EndingLength = 6;

    // Never more than half of a (unusually short) token, so the ending alone never is the token.
    public static PushDeviceView Of(PushDevice device) => new(device.Id, device.Platform,
        device.Token[^Math.Min(EndingLength, device.Token.Length / 2)..], device.RegisteredAt, device.LastSeenAt);
}
