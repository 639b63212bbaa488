using System.Text.Json;
using OneDay.Contracts;
using OneDay.Contracts.Notifications;
using OneDay.Web.Notifications;

namespace OneDay.Web.Tests;

/// <summary>The notifications and preferences pages name each kind in Korean, never by its wire name.</summary>
public sealed class NotificationLabelsTests
{
    [Fact]
    public void Every_kind_notifications_can_send_has_a_Korean_name()
    {
        var unnamed = Enum.GetValues<NotificationKind>()
            .Select(kind => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(kind, ContractJson.Options))!)
            .Where(wire => NotificationLabels.Kind(wire) == wire);

        Assert.Empty(unnamed);
    }
}
