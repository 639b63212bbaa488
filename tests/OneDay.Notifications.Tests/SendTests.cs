using System.Net;
using System.Net.Http.Json;
using Dapr.Client;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Contracts.Notifications;
using OneDay.Notifications.Delivery;
using OneDay.Notifications.Sending;
using OneDay.Testing;

namespace OneDay.Notifications.Tests;

/// <summary>POST /notifications/send and /internal/notifications/send: other services through Dapr, or Admins; nobody else.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class SendTests(NotificationsFixture fixture)
{
    private static async Task<HttpResponseMessage> InvokeAsync(DaprClient caller, string route, SendNotificationRequest request, string? accessToken = null)
    {
        using var http = caller.CreateInvokableHttpClient("notifications");
        using var message = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(request, options: ContractJson.Options) };
        if (accessToken is not null) message.Headers.Authorization = new("Bearer", accessToken);
        return await http.SendAsync(message);
    }

    private static SendNotificationRequest VerificationFor(Guid userId, string token, string? idempotencyKey = null) =>
        new(userId, NotificationKind.EmailVerification,
            new Dictionary<string, string> { ["token"] = token, ["expiresAt"] = "2026-11-25T00:30:00Z", ["displayName"] = "이서연" },
            Recipient: new NotificationAddress("new.user@oneday.kr", null), IdempotencyKey: idempotencyKey);

    [Fact]
    public async Task A_verification_code_is_mailed_and_nothing_of_it_stays_in_the_list()
    {
        var userId = Guid.NewGuid();

        using var response = await InvokeAsync(fixture.Users, "/internal/notifications/send", VerificationFor(userId, "q8Zr-4kT_x"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<SendNotificationResult>(ContractJson.Options))!;
        Assert.Null(result.NotificationId);
        Assert.Equal([NotificationChannel.Email], result.Channels);
        var mail = Assert.Single(await fixture.SentEventuallyAsync("email", userId));
        Assert.Equal("이서연님, 아래 링크에서 이메일 인증을 완료해 주세요.\nhttps://oneday.kr/verify-email?token=q8Zr-4kT_x\n인증 코드: q8Zr-4kT_x\n"
            + "11월 25일 (수) 09:30까지 유효합니다. 본인이 요청하지 않았다면 이 메시지를 무시해 주세요.", mail);
        Assert.Empty(await fixture.NotificationsOfAsync(userId));
        await Eventually.TrueAsync(() => fixture.QueryAsync(db => db.Deliveries.AnyAsync(d => d.UserId == userId && d.Status == DeliveryStatus.Sent)));
        var delivery = await fixture.QueryAsync(db => db.Deliveries.SingleAsync(d => d.UserId == userId));
        Assert.Null(delivery.Body); // the code is not kept once sent
    }

    [Fact]
    public async Task A_retried_request_notifies_once()
    {
        var userId = Guid.NewGuid();
        var key = $"email-verification:{Guid.NewGuid()}";

        using var first = await InvokeAsync(fixture.Users, "/internal/notifications/send", VerificationFor(userId, "abc", key));
        using var retry = await InvokeAsync(fixture.Users, "/internal/notifications/send", VerificationFor(userId, "abc", key));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.True((await retry.Content.ReadFromJsonAsync<SendNotificationResult>(ContractJson.Options))!.Repeated);
        Assert.Single(await fixture.SentEventuallyAsync("email", userId));
        Assert.Equal(1, await fixture.QueryAsync(db => db.Deliveries.CountAsync(d => d.UserId == userId)));
    }

    [Fact]
    public async Task The_application_workflows_call_tells_the_employer_once_in_app_by_email_and_push()
    {
        var employerId = await fixture.RegisteredUserAsync();
        await fixture.RegisterDeviceAsync(employerId);
        var applicationId = Guid.NewGuid();
        // As jobs' NotifyEmployerActivity sends it, and again as its retry after a lost answer would.
        var fromWorkflow = new SendNotificationRequest(employerId, NotificationKind.ApplicationSubmitted, new Dictionary<string, string> { ["jobTitle"] = "식당 서빙" },
            IdempotencyKey: $"application-submitted:{applicationId}");

        using var sent = await InvokeAsync(fixture.Users, "/internal/notifications/send", fromWorkflow);
        using var retried = await InvokeAsync(fixture.Users, "/internal/notifications/send", fromWorkflow);

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.True((await retried.Content.ReadFromJsonAsync<SendNotificationResult>(ContractJson.Options))!.Repeated);
        var notification = Assert.Single(await fixture.NotificationsOfAsync(employerId), n => n.Kind == NotificationKind.ApplicationSubmitted);
        Assert.Equal("새 지원자가 있습니다", notification.Title);
        Assert.Equal("'식당 서빙' 공고에 새 지원이 접수되었습니다. 지원자를 확인해 주세요.", notification.Body);
        Assert.Single(await fixture.SentEventuallyAsync("email", employerId, 2), m => m.Contains("식당 서빙", StringComparison.Ordinal));
        var push = Assert.Single(await fixture.SentEventuallyAsync("push", employerId));
        Assert.Contains(notification.Id.ToString(), push, StringComparison.Ordinal);
        Assert.Empty(fixture.Sent("sms", employerId));
    }

    [Fact]
    public async Task A_service_may_send_on_the_public_route_too()
    {
        var employerId = Guid.NewGuid();
        var request = new SendNotificationRequest(employerId, NotificationKind.ApplicationSubmitted, new Dictionary<string, string> { ["jobTitle"] = "택배 분류" });

        using var response = await InvokeAsync(fixture.Users, "/notifications/send", request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("'택배 분류' 공고에 새 지원이 접수되었습니다. 지원자를 확인해 주세요.", Assert.Single(await fixture.NotificationsOfAsync(employerId)).Body);
    }

    [Fact]
    public async Task Through_the_gateway_only_an_admin_may_send()
    {
        var userId = Guid.NewGuid();
        var announcement = new SendNotificationRequest(userId, NotificationKind.Announcement,
            new Dictionary<string, string> { ["title"] = "서비스 점검 안내", ["body"] = "오늘 밤 2시부터 30분간 점검합니다." });

        using var anonymous = await InvokeAsync(fixture.Gateway, "/notifications/send", announcement);
        using var worker = await InvokeAsync(fixture.Gateway, "/notifications/send", announcement, TestTokens.For(userId, UserRole.Worker));
        using var admin = await InvokeAsync(fixture.Gateway, "/notifications/send", announcement, TestTokens.For(Guid.NewGuid(), UserRole.Admin));

        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, worker.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, admin.StatusCode);
        var entry = Assert.Single(await fixture.NotificationsOfAsync(userId));
        Assert.Equal("서비스 점검 안내", entry.Title);
    }

    [Fact]
    public async Task A_direct_call_without_dapr_needs_an_admin_and_a_smuggled_caller_header_does_not_help()
    {
        var request = VerificationFor(Guid.NewGuid(), "zzz");
        using var client = fixture.Service.CreateClient(TestTokens.For(Guid.NewGuid(), UserRole.Employer));
        client.DefaultRequestHeaders.Add("dapr-caller-app-id", "gateway");

        using var direct = await client.PostAsJsonAsync("/notifications/send", request, ContractJson.Options);
        using var smuggled = await InvokeAsync(fixture.Gateway, "/notifications/send", request, TestTokens.For(Guid.NewGuid(), UserRole.Worker));

        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, smuggled.StatusCode);
        Assert.Empty(fixture.Sent("email", request.RecipientId));
    }

    public static TheoryData<string> BadRequests => new()
    {
        """{"recipientId":"00000000-0000-0000-0000-000000000000","kind":"welcome","parameters":{"name":"김"}}""",
        """{"recipientId":"9a4f3e1c-0000-4000-8000-000000000001","kind":"no-such-kind"}""",
        """{"recipientId":"9a4f3e1c-0000-4000-8000-000000000001","kind":"password-reset","parameters":{"token":"abc","displayName":"김"}}""",
        """{"recipientId":"9a4f3e1c-0000-4000-8000-000000000001","kind":"welcome","parameters":{"name":"김"},"channels":["sms"]}""",
        """{"recipientId":"9a4f3e1c-0000-4000-8000-000000000001","kind":"welcome","parameters":{"name":"김"},"channels":[]}""",
        """{"recipientId":"9a4f3e1c-0000-4000-8000-000000000001","kind":"password-reset","parameters":{"token":"a","displayName":"김","expiresAt":"soon"}}""",
        """{"recipientId":"9a4f3e1c-0000-4000-8000-000000000001","kind":"password-reset","parameters":{"token":"a b","displayName":"김","expiresAt":"2026-11-25T00:00:00Z"}}""",
        """{"recipientId":"9a4f3e1c-0000-4000-8000-000000000001","kind":"password-reset","parameters":{"token":"a","displayName":"김","expiresAt":"2026-11-25T00:00:00Z"},"recipient":{"email":"not-an-address"}}""",
        """{"recipientId":"9a4f3e1c-0000-4000-8000-000000000001","kind":"password-reset","parameters":{"token":"a","displayName":"김","expiresAt":"2026-11-25T00:00:00Z"},"recipient":{"phoneNumber":"call me"}}""",
        """{"recipientId":"9a4f3e1c-0000-4000-8000-000000000001","kind":"welcome","parameters":{"name":null}}""",
        """{"recipientId":"9a4f3e1c-0000-4000-8000-000000000001","kind":"welcome","parameters":{"name":"김"},"idempotencyKey":""}""",
        """{"recipientId":"9a4f3e1c-0000-4000-8000-000000000001",""",
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_is_a_400_problem_and_sends_nothing(string body)
    {
        using var http = fixture.Users.CreateInvokableHttpClient("notifications");
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri("/internal/notifications/send", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(fixture.Sent("email", Guid.Parse("9a4f3e1c-0000-4000-8000-000000000001")));
        Assert.Empty(await fixture.NotificationsOfAsync(Guid.Parse("9a4f3e1c-0000-4000-8000-000000000001")));
    }
}
