using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using OneDay.Contracts;
using OneDay.Contracts.Notifications;
using OneDay.Notifications.Data;
using OneDay.Notifications.Templates;
using OneDay.Persistence.Inbox;
using OneDay.ServiceDefaults.Dapr;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Notifications.Sending;

/// <summary>
/// Sending on another service's behalf (users: verification and reset codes; the job-application workflow:
/// telling the employer or the applicant) or an Admin's. Two routes, one handler:
/// /internal/notifications/send for services (the access-control policy keeps the gateway off /internal/**),
/// and /notifications/send, which the gateway forwards, for Admins.
/// </summary>
public static class SendApi
{
    /// <summary>Idempotency keys are kept in the inbox table under this consumer name.</summary>
    private const string IdempotencyConsumer = "send-notification";
    private const string CallerHeader = "dapr-caller-app-id";
    private const string Gateway = "gateway";

    public static void MapSending(this IEndpointRouteBuilder app)
    {
        app.MapPost("/internal/notifications/send", SendAsync).WithTags("Notifications").WithName("SendNotificationInternal")
            .WithSummary("Notifies a user on behalf of another service (Dapr invocation only)")
            .RequireDaprAppToken().AddEndpointFilter(OnlyServicesOrAdmins).ExcludeFromDescription();
        app.MapPost("/notifications/send", SendAsync).WithTags("Notifications").WithName("SendNotification")
            .WithSummary("Notifies a user (Admins, or other services through Dapr)")
            .RequireDaprAppToken().AddEndpointFilter(OnlyServicesOrAdmins);
    }

    /// <summary>
    /// An Admin's token, or a call another service made through its sidecar. Dapr names the calling app in
    /// dapr-caller-app-id; a call relayed by the gateway is a client's and needs an Admin. A header a client
    /// smuggled in arrives beside Dapr's own, so only a single value is believed.
    /// </summary>
    private static async ValueTask<object?> OnlyServicesOrAdmins(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = http.Request.Headers[CallerHeader];
        var fromService = caller is [{ Length: > 0 } app] && app != Gateway;
        if (fromService || http.User.IsInRole(UserRole.Admin)) return await next(context);
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only other OneDay services and Admins may send notifications.");
    }

    private static async Task<Results<Accepted<SendNotificationResult>, Ok<SendNotificationResult>, ValidationProblem>> SendAsync(
        SendNotificationRequest request, NotificationsDbContext db, NotificationCenter center, IOptions<MessageLinkOptions> links, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);

        var message = NotificationTemplates.Render(request.Kind, request.TemplateValues(links.Value.WebBaseUrl));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (request.IdempotencyKey is { } key)
        {
            // The inbox's unique key makes a concurrent or later repeat of the same request find the first.
            db.Set<InboxMessage>().Add(new InboxMessage { EventId = IdOf(key), Consumer = IdempotencyConsumer, Topic = IdempotencyConsumer, HandledAt = time.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return TypedResults.Ok(new SendNotificationResult(null, [], Repeated: true));
            }
        }
        var plan = await center.PlanAsync(
            new OutgoingNotification(request.RecipientId, request.Kind, message, request.Channels, request.Recipient?.Email, request.Recipient?.PhoneNumber), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Accepted((string?)null, new SendNotificationResult(plan.NotificationId, plan.Channels, Repeated: false));
    }

    /// <summary>The same key always gives the same id (callers' keys are strings, the inbox's are ids).</summary>
    private static Guid IdOf(string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
}
