using OneDay.Notifications.InApp;
using System.Net;
using System.Net.Http.Json;
using OneDay.Contracts;
using OneDay.Contracts.Payments;
using OneDay.Testing;
using static OneDay.Notifications.Tests.NotificationsFixture;

namespace OneDay.Notifications.Tests;

/// <summary>The in-app list: the caller's own, newest first, paged; read state; nobody else's.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class NotificationListTests(NotificationsFixture fixture)
{
    private async Task<Guid> UserWithNotificationsAsync(int count)
    {
        var userId = Guid.NewGuid();
        for (var i = 1; i <= count; i++) await fixture.PublishAsync(Stamped(new WithdrawalRequested(Guid.NewGuid(), userId, i * 1_000)));
        return userId;
    }

    [Fact]
    public async Task The_list_is_newest_first_and_pages_by_cursor()
    {
        var userId = await UserWithNotificationsAsync(5);

        var first = await fixture.ListAsync(userId, "?limit=2");
        var second = await fixture.ListAsync(userId, $"?limit=2&cursor={first.NextCursor}");
        var third = await fixture.ListAsync(userId, $"?limit=2&cursor={second.NextCursor}");

        var bodies = first.Items.Concat(second.Items).Concat(third.Items).Select(n => n.Body).ToList();
        Assert.Equal(["5,000원 출금 신청이 접수되었습니다.", "4,000원 출금 신청이 접수되었습니다.", "3,000원 출금 신청이 접수되었습니다.",
            "2,000원 출금 신청이 접수되었습니다.", "1,000원 출금 신청이 접수되었습니다."], bodies);
        Assert.Null(third.NextCursor);
    }

    [Fact]
    public async Task Reading_one_and_then_all_updates_the_unread_list_and_count()
    {
        var userId = await UserWithNotificationsAsync(3);
        using var client = fixture.ClientOf(userId);
        var newest = (await fixture.ListAsync(userId)).Items[0];

        using var read = await client.PutAsync(new Uri($"/notifications/{newest.Id}/read", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.NotNull((await read.Content.ReadFromJsonAsync<NotificationView>(ContractJson.Options))!.ReadAt);
        Assert.Equal(2, (await client.GetFromJsonAsync<UnreadCount>("/notifications/unread-count", ContractJson.Options))!.Count);
        Assert.DoesNotContain((await fixture.ListAsync(userId, "?unread=true")).Items, n => n.Id == newest.Id);

        using var readAll = await client.PutAsync(new Uri("/notifications/read-all", UriKind.Relative), null);

        Assert.Equal(0, (await readAll.Content.ReadFromJsonAsync<UnreadCount>(ContractJson.Options))!.Count);
        Assert.Empty((await fixture.ListAsync(userId, "?unread=true")).Items);
        Assert.Equal(3, (await fixture.ListAsync(userId)).Items.Count);
    }

    [Fact]
    public async Task A_user_can_neither_see_nor_mark_another_users_notification()
    {
        var ownerId = await UserWithNotificationsAsync(1);
        var owners = (await fixture.ListAsync(ownerId)).Items[0];
        var intruderId = Guid.NewGuid();
        using var intruder = fixture.ClientOf(intruderId);

        using var mark = await intruder.PutAsync(new Uri($"/notifications/{owners.Id}/read", UriKind.Relative), null);
        using var markAll = await intruder.PutAsync(new Uri("/notifications/read-all", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, mark.StatusCode);
        Assert.Equal(HttpStatusCode.OK, markAll.StatusCode);
        Assert.Empty((await fixture.ListAsync(intruderId)).Items);
        Assert.Null((await fixture.ListAsync(ownerId)).Items[0].ReadAt);
    }

    [Fact]
    public async Task The_list_needs_a_valid_token_and_never_reads_one_from_the_query_string()
    {
        using var anonymous = fixture.Service.CreateClient();
        var token = TestTokens.For(Guid.NewGuid(), UserRole.Worker);

        using var withoutToken = await anonymous.GetAsync(new Uri("/notifications", UriKind.Relative));
        using var queryToken = await anonymous.GetAsync(new Uri($"/notifications?access_token={token}", UriKind.Relative));
        using var foreignKey = await fixture.Service.CreateClient(TestTokens.SignedByAnotherKey(Guid.NewGuid(), UserRole.Worker))
            .GetAsync(new Uri("/notifications", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, queryToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, foreignKey.StatusCode);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=101")]
    [InlineData("?cursor=not-a-cursor")]
    [InlineData("?cursor=MTIzOmFiYw")]
    [InlineData("?unread=maybe")]
    public async Task Bad_paging_input_is_a_400_problem(string query)
    {
        using var client = fixture.Service.CreateClient(TestTokens.For(Guid.NewGuid(), UserRole.Worker));

        using var response = await client.GetAsync(new Uri($"/notifications{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
