namespace OneDay.Notifications.Devices;

/// <summary>Which push service a device's token belongs to, so a provider adapter knows how to address it.</summary>
public enum PushPlatform
{
    Android,
    Ios,
    Web,
}
