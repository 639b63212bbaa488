using OneDay.Contracts;

namespace OneDay.Users.Accounts;

/// <summary>
/// An account. Identity (id, e-mail, role) is fixed at registration; status changes only through the
/// methods below, which refuse what is not allowed, so no endpoint can set it directly.
/// </summary>
public sealed class User
{
    public const string AnonymisedName = "탈퇴한 사용자";

    public Guid Id { get; init; }

    /// <summary>Normalised (trimmed, lower case); unique.</summary>
    public string Email { get; private set; } = "";

    public UserRole Role { get; init; }

    public UserStatus Status { get; private set; }

    public string PasswordHash { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    /// <summary>Korean mobile number in the form 010-1234-5678.</summary>
    public string? PhoneNumber { get; private set; }

    public string? Bio { get; private set; }

    public List<string> Skills { get; private set; } = [];

    public List<string> PreferredRegions { get; private set; } = [];

    /// <summary>Where the worker's withdrawals are paid to (the payout_* columns).</summary>
    public PayoutAccount? Payout { get; private set; }

    public DateTimeOffset? EmailVerifiedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? SuspendedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>When the owner was last told that someone tried to register with this address.</summary>
    public DateTimeOffset? SignUpAttemptNoticedAt { get; private set; }

    public bool IsEmailVerified => EmailVerifiedAt is not null;

    public static User Register(string email, string passwordHash, string displayName, string phoneNumber, UserRole role, DateTimeOffset now)
    {
        if (role == UserRole.Admin) throw new ArgumentException("an Admin account cannot be self-registered", nameof(role));
        return new User
        {
            Id = Guid.CreateVersion7(now),
            Email = email,
            PasswordHash = passwordHash,
            DisplayName = displayName,
            PhoneNumber = phoneNumber,
            Role = role,
            Status = UserStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>The operator's account the service creates from configuration (see BootstrapAdmin); its address counts as verified.</summary>
    public static User CreateAdmin(string email, string passwordHash, string displayName, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Email = email,
        PasswordHash = passwordHash,
        DisplayName = displayName,
        Role = UserRole.Admin,
        Status = UserStatus.Active,
        EmailVerifiedAt = now,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Applies a profile edit; returns what it changed.</summary>
    public ProfileEditOutcome UpdateProfile(ProfileChanges changes, DateTimeOffset now)
    {
        var sharedChanged = DisplayName != changes.DisplayName || PhoneNumber != changes.PhoneNumber;
        var changed = sharedChanged
            || Bio != changes.Bio
            || !Skills.SequenceEqual(changes.Skills)
            || !PreferredRegions.SequenceEqual(changes.PreferredRegions)
            || Payout != changes.PayoutAccount;
        if (!changed) return ProfileEditOutcome.Unchanged;
        DisplayName = changes.DisplayName;
        PhoneNumber = changes.PhoneNumber;
        Bio = changes.Bio;
        Skills = [.. changes.Skills];
        PreferredRegions = [.. changes.PreferredRegions];
        Payout = changes.PayoutAccount;
        UpdatedAt = now;
        return sharedChanged ? ProfileEditOutcome.SharedFieldsChanged : ProfileEditOutcome.OnlyPrivateFieldsChanged;
    }

    /// <summary>
    /// Someone tried to register with this account's address. True when the owner is to be told (and it is noted
    /// as told): not when they were told less than <paramref name="interval"/> ago.
    /// </summary>
    public bool NoteSignUpAttempt(DateTimeOffset now, TimeSpan interval)
    {
        if (SignUpAttemptNoticedAt is { } last && now - last < interval) return false;
        SignUpAttemptNoticedAt = now;
        return true;
    }

    public void ChangePassword(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        UpdatedAt = now;
    }

    /// <summary>Marks the e-mail verified; false when it already was (nothing to announce).</summary>
    public bool VerifyEmail(DateTimeOffset now)
    {
        if (IsEmailVerified) return false;
        EmailVerifiedAt = now;
        UpdatedAt = now;
        return true;
    }

    public bool Suspend(DateTimeOffset now)
    {
        if (Status != UserStatus.Active) return false;
        Status = UserStatus.Suspended;
        SuspendedAt = now;
        UpdatedAt = now;
        return true;
    }

    public bool Reinstate(DateTimeOffset now)
    {
        if (Status != UserStatus.Suspended) return false;
        Status = UserStatus.Active;
        SuspendedAt = null;
        UpdatedAt = now;
        return true;
    }

    /// <summary>
    /// Soft delete: the row stays (other services' references and the audit trail keep an id), but
    /// everything that identifies the person is erased and the password can never match again.
    /// </summary>
    public void DeleteAndAnonymise(DateTimeOffset now)
    {
        Status = UserStatus.Deleted;
        Email = $"deleted-{Id:N}@deleted.invalid";
        PasswordHash = "";
        DisplayName = AnonymisedName;
        PhoneNumber = null;
        Bio = null;
        Skills = [];
        PreferredRegions = [];
        Payout = null;
        DeletedAt = now;
        UpdatedAt = now;
    }
}
