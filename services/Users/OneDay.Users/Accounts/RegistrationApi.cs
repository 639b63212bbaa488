using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Persistence.Outbox;
using OneDay.Users.Data;
using OneDay.Users.Notifications;
using OneDay.Users.Verification;

namespace OneDay.Users.Accounts;

public sealed record RegisterUser(
    [Required, StringLength(254)] string Email,
    [Required, StringLength(PasswordPolicy.MaximumLength)] string Password,
    [Required, StringLength(50, MinimumLength = 2)] string DisplayName,
    [Required, StringLength(20)] string PhoneNumber,
    [Required] UserRole? Role);

public sealed record RegisteredUser(Guid Id, string Email, string DisplayName, UserRole Role, bool EmailVerified);

public static class RegistrationApi
{
    public static RouteGroupBuilder MapRegistration(this RouteGroupBuilder users)
    {
        users.MapPost("/register", RegisterAsync)
            .AllowAnonymous()
            .WithName("RegisterUser")
            .WithSummary("Opens a Worker or Employer account and sends the e-mail verification link.");
        return users;
    }

    public static async Task<Results<Created<RegisteredUser>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterUser request,
        UsersDbContext db,
        Passwords passwords,
        OneTimeTokens oneTimeTokens,
        IntegrationEventOutbox<UsersDbContext> outbox,
        NotificationDeliverySignal delivery,
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

        if (await db.Users.AnyAsync(u => u.Email == email, cancellationToken)) return EmailTaken();

        var now = time.GetUtcNow();
        var user = User.Register(email!, passwords.Hash(request.Password), displayName, phone!, request.Role!.Value, now);
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
            // Two registrations of one address at once: the unique index lets only one through.
            return EmailTaken();
        }
        delivery.Wake();
        return TypedResults.Created("/users/profile", new RegisteredUser(user.Id, user.Email, user.DisplayName, user.Role, user.IsEmailVerified));
    }

    private static ProblemHttpResult EmailTaken() =>
        TypedResults.Problem(title: "이미 가입된 이메일입니다.", statusCode: StatusCodes.Status409Conflict);
}
