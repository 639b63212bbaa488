namespace OneDay.Contracts.Users;

/// <summary>An account was registered (notifications sends the welcome).</summary>
public sealed record UserCreated(Guid UserId, string Email, string DisplayName, UserRole Role) : IntegrationEvent;

/// <summary>An account's display name or phone number changed (published only then: an edit of anything else carries nothing new).</summary>
public sealed record UserUpdated(Guid UserId, string DisplayName, string? PhoneNumber) : IntegrationEvent;

/// <summary>An account's e-mail address was verified.</summary>
public sealed record UserVerified(Guid UserId) : IntegrationEvent;

/// <summary>An account was suspended by an Admin: it may no longer act, so services end what it holds open (hub connections).</summary>
public sealed record UserSuspended(Guid UserId) : IntegrationEvent;

/// <summary>An account was deleted: every service anonymises what it holds about the user.</summary>
public sealed record UserDeleted(Guid UserId) : IntegrationEvent;
