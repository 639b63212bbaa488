using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OneDay.Notifications.Delivery;
using OneDay.Notifications.Devices;
using OneDay.Notifications.InApp;
using OneDay.Notifications.IntegrationEvents;
using OneDay.Notifications.Preferences;
using OneDay.Notifications.Recipients;
using OneDay.Persistence;

namespace OneDay.Notifications.Data;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ChannelDelivery> Deliveries => Set<ChannelDelivery>();
    public DbSet<Recipient> Recipients => Set<Recipient>();
    public DbSet<ChannelPreference> ChannelPreferences => Set<ChannelPreference>();
    public DbSet<QuietHours> QuietHours => Set<QuietHours>();
    public DbSet<ApplicationParties> ApplicationParties => Set<ApplicationParties>();
    public DbSet<PushDevice> PushDevices => Set<PushDevice>();

    /// <summary>Set when notifications or deliveries were added, so the dispatcher is woken once they commit.</summary>
    public bool HasNewOutgoing { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Notification>(n =>
        {
            n.ToTable("notifications");
            n.Property(x => x.Id).HasColumnName("id");
            n.Property(x => x.UserId).HasColumnName("user_id");
            n.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(40);
            n.Property(x => x.Title).HasColumnName("title").HasMaxLength(200);
            n.Property(x => x.Body).HasColumnName("body").HasMaxLength(2000);
            n.Property(x => x.Link).HasColumnName("link").HasMaxLength(500);
            n.Property(x => x.CreatedAt).HasColumnName("created_at");
            n.Property(x => x.ReadAt).HasColumnName("read_at");
            n.Property(x => x.PushedAt).HasColumnName("pushed_at");
            n.Ignore(x => x.IsRead);
            n.HasIndex(x => new { x.UserId, x.CreatedAt, x.Id }).IsDescending(false, true, true).HasDatabaseName("ix_notifications_user_newest");
            n.HasIndex(x => x.UserId).HasFilter("read_at IS NULL").HasDatabaseName("ix_notifications_unread");
            n.HasIndex(x => x.CreatedAt).HasFilter("pushed_at IS NULL").HasDatabaseName("ix_notifications_unpushed");
        });
        modelBuilder.Entity<ChannelDelivery>(d =>
        {
            d.ToTable("channel_deliveries");
            d.Property(x => x.Id).HasColumnName("id");
            d.Property(x => x.UserId).HasColumnName("user_id");
            d.Property(x => x.NotificationId).HasColumnName("notification_id");
            d.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(40);
            d.Property(x => x.Channel).HasColumnName("channel").HasConversion<string>().HasMaxLength(10);
            d.Property(x => x.Destination).HasColumnName("destination").HasMaxLength(PushDevice.MaxTokenLength);
            d.Property(x => x.Platform).HasColumnName("platform").HasConversion<string>().HasMaxLength(10);
            d.Property(x => x.Subject).HasColumnName("subject").HasMaxLength(200);
            d.Property(x => x.Body).HasColumnName("body").HasMaxLength(4000);
            d.Property(x => x.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(10);
            d.Property(x => x.Attempts).HasColumnName("attempts");
            d.Property(x => x.CreatedAt).HasColumnName("created_at");
            d.Property(x => x.NextAttemptAt).HasColumnName("next_attempt_at");
            d.Property(x => x.SentAt).HasColumnName("sent_at");
            d.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(2000);
            d.Property(x => x.Deferred).HasColumnName("deferred");
            d.HasIndex(x => x.NextAttemptAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_channel_deliveries_due");
            d.HasIndex(x => x.UserId);
        });
        modelBuilder.Entity<Recipient>(r =>
        {
            r.ToTable("recipients");
            r.HasKey(x => x.UserId);
            r.Property(x => x.UserId).HasColumnName("user_id");
            r.Property(x => x.Email).HasColumnName("email").HasMaxLength(320);
            r.Property(x => x.PhoneNumber).HasColumnName("phone_number").HasMaxLength(30);
            r.Property(x => x.DisplayName).HasColumnName("display_name").HasMaxLength(100);
        });
        modelBuilder.Entity<ChannelPreference>(p =>
        {
            p.ToTable("channel_preferences");
            p.HasKey(x => new { x.UserId, x.Kind, x.Channel });
            p.Property(x => x.UserId).HasColumnName("user_id");
            p.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(40);
            p.Property(x => x.Channel).HasColumnName("channel").HasConversion<string>().HasMaxLength(10);
            p.Property(x => x.Enabled).HasColumnName("enabled");
        });
        modelBuilder.Entity<QuietHours>(q =>
        {
            q.ToTable("quiet_hours");
            q.HasKey(x => x.UserId);
            q.Property(x => x.UserId).HasColumnName("user_id");
            q.Property(x => x.Start).HasColumnName("start_time");
            q.Property(x => x.End).HasColumnName("end_time");
        });
        modelBuilder.Entity<ApplicationParties>(a =>
        {
            a.ToTable("application_parties");
            a.HasKey(x => x.ApplicationId);
            a.Property(x => x.ApplicationId).HasColumnName("application_id");
            a.Property(x => x.JobId).HasColumnName("job_id");
            a.Property(x => x.WorkerId).HasColumnName("worker_id");
            a.Property(x => x.EmployerId).HasColumnName("employer_id");
            a.Property(x => x.JobTitle).HasColumnName("job_title").HasMaxLength(200);
        });
        modelBuilder.Entity<PushDevice>(p =>
        {
            p.ToTable("push_devices");
            p.Property(x => x.Id).HasColumnName("id");
            p.Property(x => x.UserId).HasColumnName("user_id");
            p.Property(x => x.Token).HasColumnName("token").HasMaxLength(PushDevice.MaxTokenLength);
            p.Property(x => x.Platform).HasColumnName("platform").HasConversion<string>().HasMaxLength(10);
            p.Property(x => x.RegisteredAt).HasColumnName("registered_at");
            p.Property(x => x.LastSeenAt).HasColumnName("last_seen_at");
            p.HasIndex(x => x.Token).IsUnique().HasDatabaseName("ux_push_devices_token");
            p.HasIndex(x => new { x.UserId, x.LastSeenAt }).HasDatabaseName("ix_push_devices_user_last_seen");
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>For `dotnet ef migrations add`: the model without starting the app (which needs its sidecar).</summary>
public sealed class NotificationsDbContextFactory : IDesignTimeDbContextFactory<NotificationsDbContext>
{
    public NotificationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NotificationsDbContext>().UseNpgsql("Host=127.0.0.1;Database=oneday_notifications_design").Options);
}
