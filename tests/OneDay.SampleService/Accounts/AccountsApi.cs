using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Persistence.Inbox;
using OneDay.Persistence.Outbox;
using OneDay.SampleService.Data;
using OneDay.ServiceDefaults.Security;

namespace OneDay.SampleService.Accounts;

public sealed record OpenAccount(
    [Required, EmailAddress, StringLength(200)] string Email,
    [Required, StringLength(50, MinimumLength = 2)] string DisplayName);

public sealed record AccountView(Guid Id, string Email, string DisplayName);

public static class AccountsApi
{
    public static void MapAccounts(this WebApplication app)
    {
        var accounts = app.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapPost("/", OpenAsync).AllowAnonymous();
        accounts.MapGet("/{id:guid}", GetAsync).RequireAuthorization(nameof(UserRole.Employer));
        accounts.MapGet("/me", (HttpContext http) => Results.Ok(new { userId = http.User.UserId() })).RequireAuthorization();
        accounts.MapGet("/client", (HttpContext http) => Results.Ok(new { address = http.Connection.RemoteIpAddress?.ToString() })).AllowAnonymous();
        accounts.MapGet("/failure", () => { throw new InvalidOperationException("connection string Host=secret-db;Password=hunter2"); });

        app.MapIntegrationEventHandler<UserCreated, SampleDbContext>(context =>
        {
            context.Db.Welcomes.Add(new Welcome { UserId = context.Event.UserId, EventId = context.Event.EventId, WelcomedAt = context.Event.OccurredAt });
            return Task.CompletedTask;
        });
    }

    /// <summary>Opens an account and announces it; with ?failAfterWrite=true the work is rolled back.</summary>
    private static async Task<Created<AccountView>> OpenAsync(
        OpenAccount request, bool? failAfterWrite, SampleDbContext db, IntegrationEventOutbox<SampleDbContext> outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var account = new Account { Id = Guid.CreateVersion7(), Email = request.Email, DisplayName = request.DisplayName, CreatedAt = time.GetUtcNow() };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Accounts.Add(account);
        outbox.Add(new UserCreated(account.Id, account.Email, account.DisplayName, UserRole.Worker));
        await db.SaveChangesAsync(cancellationToken);
        if (failAfterWrite == true) throw new InvalidOperationException("the work failed after it was written");
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/accounts/{account.Id}", new AccountView(account.Id, account.Email, account.DisplayName));
    }

    private static async Task<Results<Ok<AccountView>, NotFound>> GetAsync(Guid id, SampleDbContext db, CancellationToken cancellationToken) =>
        await db.Accounts.FindAsync([id], cancellationToken) is { } account
            ? TypedResults.Ok(new AccountView(account.Id, account.Email, account.DisplayName))
            : TypedResults.NotFound();
}
