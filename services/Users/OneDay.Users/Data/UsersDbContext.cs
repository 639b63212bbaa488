using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OneDay.Persistence;
using OneDay.Users.AccountMessaging;
using OneDay.Users.Accounts;
using OneDay.Users.Authentication;
using OneDay.Users.Verification;

namespace OneDay.Users.Data;

public sealed class UsersDbContext(DbContextOptions<UsersDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<OneTimeToken> OneTimeTokens => Set<OneTimeToken>();
    public DbSet<PendingNotification> PendingNotifications => Set<PendingNotification>();
    public DbSet<LoginFailure> LoginFailures => Set<LoginFailure>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.Property(u => u.Id).HasColumnName("id");
            user.Property(u => u.Email).HasColumnName("email").HasMaxLength(254);
            user.HasIndex(u => u.Email).IsUnique();
            user.Property(u => u.Role).HasColumnName("role").HasConversion<string>().HasMaxLength(20);
            user.Property(u => u.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
            user.Property(u => u.PasswordHash).HasColumnName("password_hash").HasMaxLength(200);
            user.Property(u => u.DisplayName).HasColumnName("display_name").HasMaxLength(50);
            user.Property(u => u.PhoneNumber).HasColumnName("phone_number").HasMaxLength(20);
            user.Property(u => u.Bio).HasColumnName("bio").HasMaxLength(1000);
            user.Property(u => u.Skills).HasColumnName("skills");
            user.Property(u => u.PreferredRegions).HasColumnName("preferred_regions");
            user.OwnsOne(u => u.PayoutAccount, payout =>
            {
                payout.Property(p => p.BankName).HasColumnName("payout_bank_name").HasMaxLength(30);
                payout.Property(p => p.AccountNumber).HasColumnName("payout_account_number").HasMaxLength(20);
                payout.Property(p => p.AccountHolder).HasColumnName("payout_account_holder").HasMaxLength(50);
            });
            user.Property(u => u.EmailVerifiedAt).HasColumnName("email_verified_at");
            user.Property(u => u.CreatedAt).HasColumnName("created_at");
            user.Property(u => u.UpdatedAt).HasColumnName("updated_at");
            user.Property(u => u.SuspendedAt).HasColumnName("suspended_at");
            user.Property(u => u.DeletedAt).HasColumnName("deleted_at");
            user.Property(u => u.SignUpAttemptNoticedAt).HasColumnName("sign_up_attempt_noticed_at");
            user.Ignore(u => u.IsEmailVerified);
        });
        modelBuilder.Entity<RefreshToken>(token =>
        {
            token.ToTable("refresh_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Id).HasColumnName("id");
            token.Property(t => t.UserId).HasColumnName("user_id");
            token.Property(t => t.FamilyId).HasColumnName("family_id");
            token.Property(t => t.TokenHash).HasColumnName("token_hash");
            token.Property(t => t.CreatedAt).HasColumnName("created_at");
            token.Property(t => t.ExpiresAt).HasColumnName("expires_at");
            token.Property(t => t.UsedAt).HasColumnName("used_at");
            token.Property(t => t.RevokedAt).HasColumnName("revoked_at");
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.FamilyId);
            token.HasIndex(t => t.UserId);
            token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId);
        });
        modelBuilder.Entity<OneTimeToken>(token =>
        {
            token.ToTable("one_time_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Id).HasColumnName("id");
            token.Property(t => t.UserId).HasColumnName("user_id");
            token.Property(t => t.Purpose).HasColumnName("purpose").HasConversion<string>().HasMaxLength(30);
            token.Property(t => t.TokenHash).HasColumnName("token_hash");
            token.Property(t => t.CreatedAt).HasColumnName("created_at");
            token.Property(t => t.ExpiresAt).HasColumnName("expires_at");
            token.Property(t => t.UsedAt).HasColumnName("used_at");
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => new { t.UserId, t.Purpose });
            token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId);
        });
        modelBuilder.Entity<PendingNotification>(pending =>
        {
            pending.ToTable("pending_notifications");
            pending.HasKey(p => p.Id);
            pending.Property(p => p.Id).HasColumnName("id");
            pending.Property(p => p.UserId).HasColumnName("user_id");
            pending.Property(p => p.Purpose).HasColumnName("purpose").HasConversion<string>().HasMaxLength(30);
            pending.Property(p => p.ExpiresAt).HasColumnName("expires_at");
            pending.Property(p => p.CreatedAt).HasColumnName("created_at");
            pending.Property(p => p.NextAttemptAt).HasColumnName("next_attempt_at");
            pending.Property(p => p.Attempts).HasColumnName("attempts");
            pending.Property(p => p.LastError).HasColumnName("last_error").HasMaxLength(2000);
            pending.HasIndex(p => p.NextAttemptAt);
            pending.HasOne<User>().WithMany().HasForeignKey(p => p.UserId);
        });
        modelBuilder.Entity<LoginFailure>(failure =>
        {
            failure.ToTable("login_failures");
            failure.HasKey(f => f.Id);
            failure.Property(f => f.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            failure.Property(f => f.ThrottleKey).HasColumnName("throttle_key").HasMaxLength(300);
            failure.Property(f => f.FailedAt).HasColumnName("failed_at");
            failure.HasIndex(f => new { f.ThrottleKey, f.FailedAt });
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>For `dotnet ef migrations add`: the model without starting the app (which needs its sidecar).</summary>
public sealed class UsersDbContextFactory : IDesignTimeDbContextFactory<UsersDbContext>
{
    public UsersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<UsersDbContext>().UseNpgsql("Host=127.0.0.1;Database=oneday_users_design").Options);
}
