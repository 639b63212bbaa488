using OneDay.Notifications.Data;
using OneDay.Testing;

namespace OneDay.Notifications.Tests;

public sealed class NotificationsModelMatchesMigrationsTests : ModelMatchesMigrationsTests<NotificationsDbContextFactory, NotificationsDbContext>;
