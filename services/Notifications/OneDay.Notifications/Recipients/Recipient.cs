namespace OneDay.Notifications.Recipients;

/// <summary>
/// Where a user can be reached, kept from the users service's events (user-created carries the e-mail
/// address, user-updated the phone number) so sending never calls back to users.
/// </summary>
public sealed class Recipient
{
    public Guid UserId { get; init; }
    public string? Email { get; set; }
    public string? PhoneNumber { get; set; }
    public string DisplayName { get; set; } = "";
}
