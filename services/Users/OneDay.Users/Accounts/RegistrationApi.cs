using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Persistence.Outbox;
using OneDay.Users.AccountMessaging;
using OneDay.Users.Authentication;
using OneDay.Users.Data;
using OneDay.Users.Verification;

namespace OneDay.Users.Accounts;

public sealed record RegisterUser(
    [Required, StringLength(254)] string Email,
    [Required, StringLength(PasswordPolicy.MaximumLength)] string Password,
    [Required, StringLength(50, MinimumLength = 2)] string DisplayName,
    [Required, StringLength(20)] string PhoneNumber,
    [Required] UserRole? Role);

/// <summary>
/// The answer to every valid registration, whether the address was free or already had an account: which it
/// was is told only to the address's mailbox (a verification link, or a notice to the owner).
/// </summary>
public sealed record RegistrationReceived(string Message);

public static class RegistrationApi
{
    public static RouteGroupBuilder MapRegistration(this RouteGroupBuilder users)
    {
        users.MapPost("/register", RegisterAsync)
            .AllowAnonymous()
            .WithName("RegisterUser")
            .WithSummary("Opens a Worker or Employer account and e-mails the verification code. The answer is 202 whether or not the address already has an account; its owner is e-mailed a notice instead.");
        return users;
    }

    public static async Task<Results<Accepted<RegistrationReceived>, ValidationProblem>> RegisterAsync(
        RegisterUser request,
        UsersDbContext db,
        Passwords passwords,
        OneTimeTokens oneTimeTokens,
        IntegrationEventOutbox<UsersDbContext> outbox,
        NotificationDeliverySignal delivery,
        IOptions<TokenOptions> tokenOptions,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var email = EmailAddress.Normalise(request.Email);
        if (email is null) errors["email"] = ["올바른 이메일 주소가 아닙니다."];
        var phone = KoreanMobileNumber.Normalise(request.PhoneNumber);
        if (phone is null) errors["phoneNumber"] = ["휴대전화 번호 형식이 아닙니다 (예: 010-1234-5678)."];
        if (PasswordPolicy.Refusal(request.Password, request.Email) is { } refusal) errors["password"] = [refusal];
        if (request.Role is not (UserRole.Worker or UserRole.Employer)) errors["role"] = ["가입할 때는 Worker 또는 Employer만 선택할 수 있습니다."];
        var displayName = request.DisplayName.Trim();
        if (displayName.Length < 2) errors["displayName"] = ["이름은 2자 이상이어야 합니다."];
        if (errors.Count > 0) return UserProblems.Invalid(errors);

        // Hashed before the address is looked up, taken or not: the hash is most of the request's time, so
        // skipping it for a taken address would tell the address apart by how fast the answer came.
        var passwordHash = passwords.Hash(request.Password);
        var now = time.GetUtcNow();
        var received = TypedResults.Accepted((string?)null, new RegistrationReceived("메일을 보냈습니다. 받은 메일의 안내를 확인해 주세요."));

        if (await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken) is { } owner)
        {
            if (owner.NoteSignUpAttempt(now, tokenOptions.Value.SignUpAttemptNoticeInterval))
            {
                db.PendingNotifications.Add(PendingNotification.Owe(owner.Id, AccountMessage.SignUpAttempt, now, AccountMessages.NoticeLifetime));
                await db.SaveChangesAsync(cancellationToken);
                delivery.Wake();
            }
            return received;
        }

        var user = User.Register(email!, passwordHash, displayName, phone!, request.Role!.Value, now);
        db.Users.Add(user);
        outbox.Add(new UserCreated(user.Id, user.Email, user.DisplayName, user.Role));
        oneTimeTokens.Request(user, OneTimeTokenPurpose.EmailVerification, now);
        try
        {
            // One SaveChanges, one transaction: the account, its event and the verification message it is owed.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two registrations of one address at once: the unique index lets only one through, and the other is
            // answered as any registration of a taken address is.
            return received;
        }
        delivery.Wake();
        return received;
    }
}
