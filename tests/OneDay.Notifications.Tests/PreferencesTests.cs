using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Contracts.Notifications;
using OneDay.Notifications.Delivery;
using OneDay.Notifications.Preferences;
using OneDay.Testing;
using static OneDay.Notifications.Tests.NotificationsFixture;

namespace OneDay.Notifications.Tests;

/// <summary>Channel choices per kind and quiet hours: respected, validated, and quiet hours defer rather than drop.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class PreferencesTests(NotificationsFixture fixture)
{
    private static async Task<NotificationPreferences> PutAsync(HttpClient client, NotificationPreferences preferences)
    {
        using var response = await client.PutAsJsonAsync("/notifications/preferences", preferences, ContractJson.Options);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<NotificationPreferences>(ContractJson.Options))!;
    }

    [Fact]
    public async Task Defaults_are_the_kinds_own_channels()
    {
        using var client = fixture.ClientOf(Guid.NewGuid());

        var preferences = (await client.GetFromJsonAsync<NotificationPreferences>("/notifications/preferences", ContractJson.Options))!;

        var matched = Assert.Single(preferences.Kinds!, k => k.Kind == NotificationKind.JobMatched);
        Assert.Equal([NotificationChannel.InApp, NotificationChannel.Sms, NotificationChannel.Push], matched.Enabled);
        Assert.DoesNotContain(preferences.Kinds!, k => k.Kind == NotificationKind.PasswordReset);
        Assert.Null(preferences.QuietHours);
        Assert.Equal("Asia/Seoul", preferences.TimeZone);
    }

    [Fact]
    public async Task A_channel_switched_off_is_not_used_and_the_others_still_are()
    {
        var workerId = await fixture.RegisteredUserAsync(phoneNumber: "01011112222");
        await fixture.RegisterDeviceAsync(workerId);
        using var client = fixture.ClientOf(workerId);
        var saved = await PutAsync(client, new([new KindChannels(NotificationKind.JobMatched, [NotificationChannel.InApp, NotificationChannel.Push])], null));
        Assert.Equal([NotificationChannel.InApp, NotificationChannel.Push], saved.Kinds!.Single(k => k.Kind == NotificationKind.JobMatched).Enabled);

        await fixture.PublishAsync(Stamped(new JobMatched(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), workerId, "물류 상하차", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(8))));

        Assert.Single(await fixture.NotificationsOfAsync(workerId), n => n.Kind == NotificationKind.JobMatched);
        await fixture.SentEventuallyAsync("push", workerId);
        Assert.Empty(fixture.Sent("sms", workerId));
    }

    [Fact]
    public async Task Quiet_hours_defer_sms_and_push_until_they_end_and_then_send_them()
    {
        var workerId = await fixture.RegisteredUserAsync(phoneNumber: "01033334444");
        await fixture.RegisterDeviceAsync(workerId);
        using var client = fixture.ClientOf(workerId);
        var nowInKorea = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, QuietHours.Korea);
        var start = TimeOnly.FromDateTime(nowInKorea.DateTime).AddHours(-1);
        var end = TimeOnly.FromDateTime(nowInKorea.DateTime).AddHours(2);
        await PutAsync(client, new([], new QuietHoursWindow(start.ToString("HH:mm", CultureInfo.InvariantCulture), end.ToString("HH:mm", CultureInfo.InvariantCulture))));

        await fixture.PublishAsync(Stamped(new JobMatched(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), workerId, "야간 물류", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(8))));

        Assert.Single(await fixture.NotificationsOfAsync(workerId), n => n.Kind == NotificationKind.JobMatched); // in-app is never held back
        var held = await fixture.QueryAsync(db => db.Deliveries.AsNoTracking().Where(d => d.UserId == workerId && d.Kind == NotificationKind.JobMatched).ToListAsync());
        Assert.Equal([NotificationChannel.Sms, NotificationChannel.Push], held.Select(d => d.Channel).Order());
        Assert.All(held, d =>
        {
            Assert.True(d.Deferred);
            Assert.Equal(DeliveryStatus.Pending, d.Status);
            Assert.Equal(end.ToString("HH:mm", CultureInfo.InvariantCulture),
                TimeZoneInfo.ConvertTime(d.NextAttemptAt, QuietHours.Korea).ToString("HH:mm", CultureInfo.InvariantCulture));
        });
        Assert.Empty(fixture.Sent("sms", workerId));
        Assert.Empty(fixture.Sent("push", workerId));

        // The window's end arrives (moved forward here rather than waited for): both are sent.
        await fixture.QueryAsync(db => db.Deliveries.Where(d => d.UserId == workerId && d.Kind == NotificationKind.JobMatched && d.Status == DeliveryStatus.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.NextAttemptAt, DateTimeOffset.UtcNow)));
        Assert.Contains("야간 물류", Assert.Single(await fixture.SentEventuallyAsync("sms", workerId)), StringComparison.Ordinal);
        Assert.Single(await fixture.SentEventuallyAsync("push", workerId));
    }

    [Fact]
    public async Task Preferences_are_per_user_and_replaced_whole()
    {
        var userId = Guid.NewGuid();
        using var client = fixture.ClientOf(userId);
        await PutAsync(client, new([new KindChannels(NotificationKind.Welcome, [])], new QuietHoursWindow("22:00", "08:00")));

        var replaced = await PutAsync(client, new([], null));
        var someoneElse = (await fixture.ClientOf(Guid.NewGuid()).GetFromJsonAsync<NotificationPreferences>("/notifications/preferences", ContractJson.Options))!;

        Assert.Equal([NotificationChannel.InApp, NotificationChannel.Email], replaced.Kinds!.Single(k => k.Kind == NotificationKind.Welcome).Enabled);
        Assert.Null(replaced.QuietHours);
        Assert.Null(someoneElse.QuietHours);
    }

    [Theory]
    [InlineData("""{"kinds":[{"kind":"password-reset","enabled":[]}]}""")]
    [InlineData("""{"kinds":[{"kind":"welcome","enabled":["sms"]}]}""")]
    [InlineData("""{"kinds":[{"kind":"welcome","enabled":[]},{"kind":"welcome","enabled":["in-app"]}]}""")]
    [InlineData("""{"kinds":[{"kind":"welcome"}]}""")]
    [InlineData("""{"quietHours":{"start":"22:00","end":"22:00"}}""")]
    [InlineData("""{"quietHours":{"start":"25:00","end":"08:00"}}""")]
    [InlineData("""{"quietHours":{"start":"10pm","end":"08:00"}}""")]
    [InlineData("""{"kinds":[{"kind":"nope","enabled":[]}]}""")]
    public async Task Bad_preferences_are_a_400_problem_and_change_nothing(string body)
    {
        var userId = Guid.NewGuid();
        using var client = fixture.ClientOf(userId);
        await PutAsync(client, new([], new QuietHoursWindow("23:00", "07:00")));

        using var response = await client.PutAsync(new Uri("/notifications/preferences", UriKind.Relative),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var unchanged = (await client.GetFromJsonAsync<NotificationPreferences>("/notifications/preferences", ContractJson.Options))!;
        Assert.Equal(new QuietHoursWindow("23:00", "07:00"), unchanged.QuietHours);
    }
}
