using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OneDay.Notifications.Delivery;
using OneDay.Notifications.Devices;
using OneDay.Notifications.InApp;
using OneDay.Notifications.IntegrationEvents;
using OneDay.Notifications.Preferences;
using OneDay.Notifications.Recipients;
using OneDay.Persistence.Database;

namespace OneDay.Notifications.Data;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : ServiceDbContext(options)
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
}

/// <summary>For `dotnet ef migrations add`: the model without starting the app (which needs its sidecar).</summary>
public sealed class NotificationsDbContextFactory : IDesignTimeDbContextFactory<NotificationsDbContext>
{
    public NotificationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NotificationsDbContext>().UseNpgsql("Host=127.0.0.1;Database=oneday_notifications_design").Options);
}
