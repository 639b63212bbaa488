using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Contracts.Notifications;
using OneDay.Notifications.Delivery;
using OneDay.Notifications.Devices;
using OneDay.Notifications.Preferences;
using OneDay.Testing;
using static OneDay.Notifications.Tests.NotificationsFixture;

namespace OneDay.Notifications.Tests;

/// <summary>
/// The push-device registry: each user's own devices, a token belonging to whoever registered it last, at
/// most ten a user, and push sent to every device rather than to a user id.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class DeviceTests(NotificationsFixture fixture)
{
    private async Task<IReadOnlyList<PushDeviceView>> DevicesOfAsync(Guid userId)
    {
        using var client = fixture.ClientOf(userId);
        return (await client.GetFromJsonAsync<List<PushDeviceView>>("/notifications/devices", ContractJson.Options))!;
    }

    private Task<int> DeviceRowsWithAsync(string token) => fixture.QueryAsync(db => db.PushDevices.CountAsync(d => d.Token == token));

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    /// <summary>Tells the employer of an application as jobs' workflow does: a send through Dapr invocation.</summary>
    private async Task SubmitApplicationToAsync(Guid employerId)
    {
        using var http = fixture.Users.CreateInvokableHttpClient("notifications");
        var request = new SendNotificationRequest(employerId, NotificationKind.ApplicationSubmitted, new Dictionary<string, string> { ["jobTitle"] = "물류 상하차" });
        using var response = await http.PostAsJsonAsync("/internal/notifications/send", request, ContractJson.Options);
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_registered_device_is_listed_by_its_token_ending_only()
    {
        var userId = Guid.NewGuid();
        var token = NewDeviceToken();
        using var client = fixture.ClientOf(userId);

        using var response = await client.PutAsync(new Uri("/notifications/devices", UriKind.Relative), Json($$"""{"token":"{{token}}","platform":"Ios"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, raw, StringComparison.Ordinal);
        Assert.Contains("\"platform\":\"Ios\"", raw, StringComparison.Ordinal);
        var device = JsonSerializer.Deserialize<PushDeviceView>(raw, ContractJson.Options)!;
        Assert.Equal(token[^6..], device.TokenEnding);
        Assert.Equal(PushPlatform.Ios, device.Platform);
        Assert.Equal(device.RegisteredAt, device.LastSeenAt);
        Assert.Equal([device], await DevicesOfAsync(userId));
    }

    [Fact]
    public async Task Registering_the_same_token_again_refreshes_the_device_instead_of_adding_one()
    {
        var userId = Guid.NewGuid();
        var token = NewDeviceToken();
        var first = await fixture.RegisterDeviceAsync(userId, token);

        var again = await fixture.RegisterDeviceAsync(userId, token);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.RegisteredAt, again.RegisteredAt);
        Assert.True(again.LastSeenAt > first.LastSeenAt);
        Assert.Equal([again], await DevicesOfAsync(userId));
    }

    [Fact]
    public async Task A_removed_device_is_no_longer_listed()
    {
        var userId = Guid.NewGuid();
        var kept = await fixture.RegisterDeviceAsync(userId);
        var removed = await fixture.RegisterDeviceAsync(userId);
        using var client = fixture.ClientOf(userId);

        using var response = await client.DeleteAsync(new Uri($"/notifications/devices/{removed.Id}", UriKind.Relative));
        using var again = await client.DeleteAsync(new Uri($"/notifications/devices/{removed.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal([kept.Id], (await DevicesOfAsync(userId)).Select(d => d.Id));
    }

    [Fact]
    public async Task Another_users_device_is_not_found_and_not_listed()
    {
        var ownerId = Guid.NewGuid();
        var strangerId = Guid.NewGuid();
        var device = await fixture.RegisterDeviceAsync(ownerId);
        using var stranger = fixture.ClientOf(strangerId);

        using var response = await stranger.DeleteAsync(new Uri($"/notifications/devices/{device.Id}", UriKind.Relative));
        using var unknown = await stranger.DeleteAsync(new Uri($"/notifications/devices/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(await DevicesOfAsync(strangerId));
        Assert.Equal([device.Id], (await DevicesOfAsync(ownerId)).Select(d => d.Id));
    }

    [Fact]
    public async Task A_token_registered_by_another_user_moves_to_them_and_the_first_users_waiting_push_never_reaches_it()
    {
        var firstId = await fixture.RegisteredUserAsync();
        var secondId = Guid.NewGuid();
        var token = NewDeviceToken();
        await fixture.RegisterDeviceAsync(firstId, token);
        // Quiet hours hold the first user's push, so it is still waiting when the phone changes hands.
        using (var first = fixture.ClientOf(firstId))
        {
            var nowInKorea = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, QuietHours.Korea).DateTime);
            using var quiet = await first.PutAsJsonAsync("/notifications/preferences", new NotificationPreferences([], new QuietHoursWindow(
                nowInKorea.AddHours(-1).ToString("HH:mm", CultureInfo.InvariantCulture), nowInKorea.AddHours(2).ToString("HH:mm", CultureInfo.InvariantCulture))), ContractJson.Options);
            Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
        }
        await SubmitApplicationToAsync(firstId);
        Assert.Equal(1, await fixture.QueryAsync(db => db.Deliveries.CountAsync(d => d.UserId == firstId && d.Channel == NotificationChannel.Push && d.Destination == token)));

        var moved = await fixture.RegisterDeviceAsync(secondId, token, PushPlatform.Web);

        Assert.Empty(await DevicesOfAsync(firstId));
        Assert.Equal([moved], await DevicesOfAsync(secondId));
        Assert.Equal(PushPlatform.Web, moved.Platform);
        Assert.Equal(1, await DeviceRowsWithAsync(token));
        // The quiet hours end (made due now): the first user's message must not reach the phone's new holder.
        await fixture.QueryAsync(db => db.Deliveries.Where(d => d.UserId == firstId && d.Channel == NotificationChannel.Push)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        await Eventually.TrueAsync(async () => await fixture.QueryAsync(db => db.Deliveries.AnyAsync(
            d => d.UserId == firstId && d.Channel == NotificationChannel.Push && d.Status == DeliveryStatus.Failed)), TimeSpan.FromSeconds(10), "the first user's push given up");
        Assert.Empty(fixture.Sent("push", firstId));
    }

    [Fact]
    public async Task The_eleventh_device_evicts_the_least_recently_seen_one()
    {
        var userId = Guid.NewGuid();
        var tokens = Enumerable.Range(0, PushDevice.MaxPerUser).Select(_ => NewDeviceToken()).ToList();
        foreach (var token in tokens) await fixture.RegisterDeviceAsync(userId, token);
        await fixture.RegisterDeviceAsync(userId, tokens[0]); // seen again: now the second is the least recently seen

        var eleventh = await fixture.RegisterDeviceAsync(userId);

        var devices = await DevicesOfAsync(userId);
        Assert.Equal(PushDevice.MaxPerUser, devices.Count);
        Assert.Equal(eleventh.Id, devices[0].Id);
        Assert.Equal(0, await DeviceRowsWithAsync(tokens[1]));
        Assert.Equal(1, await DeviceRowsWithAsync(tokens[0]));
    }

    [Theory]
    [InlineData("""{"platform":"Android"}""")]
    [InlineData("""{"token":"","platform":"Android"}""")]
    [InlineData("""{"token":"   ","platform":"Android"}""")]
    [InlineData("""{"token":"TOO_LONG","platform":"Android"}""")]
    [InlineData("""{"token":"fcm-token-123456"}""")]
    [InlineData("""{"token":"fcm-token-123456","platform":"Blackberry"}""")]
    [InlineData("""{"token":"fcm-token-123456","platform":"1"}""")]
    public async Task Bad_registrations_are_a_400_validation_problem_and_change_nothing(string body)
    {
        var userId = Guid.NewGuid();
        var existing = await fixture.RegisterDeviceAsync(userId);
        using var client = fixture.ClientOf(userId);

        using var response = await client.PutAsync(new Uri("/notifications/devices", UriKind.Relative),
            Json(body.Replace("TOO_LONG", new string('x', PushDevice.MaxTokenLength + 1), StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any());
        Assert.Equal([existing], await DevicesOfAsync(userId));
    }

    [Fact]
    public async Task A_notification_is_pushed_to_each_of_the_users_devices()
    {
        var employerId = await fixture.RegisteredUserAsync();
        var phone = await fixture.RegisterDeviceAsync(employerId, "android-" + NewDeviceToken());
        var tablet = await fixture.RegisterDeviceAsync(employerId, "ios-" + NewDeviceToken(), PushPlatform.Ios);
        var tokens = (await fixture.QueryAsync(db => db.PushDevices.AsNoTracking().Where(d => d.UserId == employerId).ToListAsync()))
            .ToDictionary(d => d.Id, d => d.Token);

        await SubmitApplicationToAsync(employerId);

        var notification = Assert.Single(await fixture.NotificationsOfAsync(employerId), n => n.Kind == NotificationKind.ApplicationSubmitted);
        var pushed = (await fixture.SentEventuallyAsync("push", employerId, 2)).Select(m => JsonSerializer.Deserialize<PushMessage>(m, ContractJson.Options)!).ToList();
        Assert.Equal(2, pushed.Count);
        Assert.Equal(new[] { (tokens[phone.Id], PushPlatform.Android), (tokens[tablet.Id], PushPlatform.Ios) }.Order(),
            pushed.Select(m => (m.DeviceToken, m.Platform)).Order());
        Assert.All(pushed, m =>
        {
            Assert.Equal(employerId, m.UserId);
            Assert.Equal(notification.Id, m.NotificationId);
            Assert.Equal(notification.Title, m.Title);
        });
    }

    [Fact]
    public async Task A_user_without_devices_gets_no_push_but_still_the_in_app_entry()
    {
        var employerId = await fixture.RegisteredUserAsync();

        await SubmitApplicationToAsync(employerId);

        Assert.Single(await fixture.NotificationsOfAsync(employerId), n => n.Kind == NotificationKind.ApplicationSubmitted);
        await fixture.SentEventuallyAsync("email", employerId, 2); // the welcome and this one: the dispatcher has been through
        Assert.Empty(fixture.Sent("push", employerId));
        Assert.Equal(0, await fixture.QueryAsync(db => db.Deliveries.CountAsync(d => d.UserId == employerId && d.Channel == NotificationChannel.Push)));
    }

    [Fact]
    public async Task A_deleted_user_leaves_no_device_behind()
    {
        var userId = await fixture.RegisteredUserAsync();
        await fixture.RegisterDeviceAsync(userId);
        await fixture.RegisterDeviceAsync(userId, platform: PushPlatform.Web);

        await fixture.PublishAsync(Stamped(new Contracts.Users.UserDeleted(userId)));

        Assert.Equal(0, await fixture.QueryAsync(db => db.PushDevices.CountAsync(d => d.UserId == userId)));
    }

    [Fact]
    public async Task Registrations_of_one_token_at_once_all_succeed_and_leave_one_device()
    {
        var users = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var token = NewDeviceToken();
        var hosts = new[] { fixture.Service, fixture.Replica };

        var statuses = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            using var client = hosts[i % 2].CreateClient(TestTokens.For(users[i / 2 % 2], UserRole.Worker));
            using var response = await client.PutAsJsonAsync("/notifications/devices", new RegisterDeviceRequest(token, "Android"), ContractJson.Options);
            return response.StatusCode;
        }));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(1, await DeviceRowsWithAsync(token));
    }
}
