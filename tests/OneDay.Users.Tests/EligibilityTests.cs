using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Testing;

namespace OneDay.Users.Tests;

/// <summary>jobs' eligibility question, asked through Dapr service invocation as jobs asks it, and the Admin actions that change the answer.</summary>
public sealed class EligibilityTests(InternalCallersFixture fixture) : IClassFixture<InternalCallersFixture>
{
    private async Task<ApplicantEligibility> AskAsync(Guid userId)
    {
        using var users = fixture.UsersAs("jobs");
        return (await users.GetFromJsonAsync<ApplicantEligibility>($"/internal/users/{userId}/eligibility", ContractJson.Options))!;
    }

    private async Task<HttpStatusCode> AdminAsync(Guid userId, string action, UserRole callerRole = UserRole.Admin)
    {
        using var client = fixture.Client(TestTokens.For(Guid.NewGuid(), callerRole));
        using var response = await client.PostAsync(new Uri($"/users/{userId}/{action}", UriKind.Relative), null);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_verified_active_worker_is_eligible()
    {
        var worker = await fixture.RegisterVerifiedAsync();

        var answer = await AskAsync(worker.Id);

        Assert.True(answer.Eligible);
        Assert.Empty(answer.Reasons);
        Assert.Equal(worker.Id, answer.UserId);
    }

    [Fact]
    public async Task An_unverified_worker_is_not_eligible()
    {
        var worker = await fixture.RegisterAsync();

        var answer = await AskAsync(worker.Id);

        Assert.False(answer.Eligible);
        Assert.Equal([IneligibilityReason.EmailNotVerified], answer.Reasons);
    }

    [Fact]
    public async Task An_employer_is_not_eligible_and_every_reason_is_given()
    {
        var employer = await fixture.RegisterAsync(UserRole.Employer);

        var answer = await AskAsync(employer.Id);

        Assert.False(answer.Eligible);
        Assert.Equal([IneligibilityReason.EmailNotVerified, IneligibilityReason.NotAWorker], answer.Reasons);
        // On the wire the reasons read as the codes jobs puts in an application's rejection reason.
        using var users = fixture.UsersAs("jobs");
        var wire = await users.GetFromJsonAsync<JsonElement>($"/internal/users/{employer.Id}/eligibility");
        Assert.Equal(["email-not-verified", "not-a-worker"], wire.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_suspended_worker_is_not_eligible_until_reinstated_and_cannot_log_in_meanwhile()
    {
        var worker = await fixture.RegisterVerifiedAsync();
        var session = await fixture.TokensForAsync(worker);

        Assert.Equal(HttpStatusCode.NoContent, await AdminAsync(worker.Id, "suspend"));
        var whileSuspended = await AskAsync(worker.Id);
        using var login = await fixture.LogInAsync(worker.Email, worker.Password, "192.0.2.120");
        using var refreshClient = fixture.Client();
        using var refresh = await refreshClient.PostAsJsonAsync("/users/refresh", new { refreshToken = session.RefreshToken });
        Assert.Equal(HttpStatusCode.Conflict, await AdminAsync(worker.Id, "suspend"));
        Assert.Equal(HttpStatusCode.NoContent, await AdminAsync(worker.Id, "reinstate"));
        var afterReinstating = await AskAsync(worker.Id);

        Assert.Equal([IneligibilityReason.Suspended], whileSuspended.Reasons);
        // Chat and notifications hear of it and close the account's hub connections; once, though suspended twice.
        Assert.Single(await fixture.EventsAboutAsync(worker.Id, "user-suspended"));
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.True(afterReinstating.Eligible);
    }

    [Fact]
    public async Task A_deleted_worker_is_not_eligible()
    {
        var worker = await fixture.RegisterVerifiedAsync();
        using (var client = fixture.Client((await fixture.TokensForAsync(worker)).AccessToken))
        using (var delete = await client.DeleteAsync(new Uri("/users/account", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var answer = await AskAsync(worker.Id);

        Assert.False(answer.Eligible);
        Assert.Equal([IneligibilityReason.Deleted], answer.Reasons);
    }

    [Fact]
    public async Task An_unknown_user_is_a_404_problem()
    {
        using var users = fixture.UsersAs("jobs");

        using var response = await users.GetAsync(new Uri($"/internal/users/{Guid.NewGuid()}/eligibility", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Suspending_or_reinstating_without_a_token_is_a_401()
    {
        var worker = await fixture.RegisterAsync();
        using var anonymous = fixture.Client();

        using var suspend = await anonymous.PostAsync(new Uri($"/users/{worker.Id}/suspend", UriKind.Relative), null);
        using var reinstate = await anonymous.PostAsync(new Uri($"/users/{worker.Id}/reinstate", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Unauthorized, suspend.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, reinstate.StatusCode);
        Assert.Equal(Accounts.UserStatus.Active, (await fixture.UserAsync(worker.Id)).Status);
    }

    [Fact]
    public async Task Only_an_admin_may_suspend_or_reinstate()
    {
        var worker = await fixture.RegisterAsync();

        Assert.Equal(HttpStatusCode.Forbidden, await AdminAsync(worker.Id, "suspend", UserRole.Employer));
        Assert.Equal(HttpStatusCode.Forbidden, await AdminAsync(worker.Id, "reinstate", UserRole.Worker));
        Assert.Equal(HttpStatusCode.NotFound, await AdminAsync(Guid.NewGuid(), "suspend"));
        Assert.Equal(HttpStatusCode.Conflict, await AdminAsync(worker.Id, "reinstate"));
        Assert.Equal(Accounts.UserStatus.Active, (await fixture.UserAsync(worker.Id)).Status);
    }

    [Fact]
    public async Task Payments_reads_the_registered_payout_account_whole_through_Dapr_and_none_is_a_404()
    {
        var withAccount = await fixture.RegisterVerifiedAsync();
        var without = await fixture.RegisterVerifiedAsync();
        using (var client = fixture.Client((await fixture.TokensForAsync(withAccount)).AccessToken))
        {
            using var put = await client.PutAsJsonAsync("/users/profile", new
            {
                displayName = "김민수", phoneNumber = "010-5555-6666",
                payoutAccount = new { bankName = "국민은행", accountNumber = "123456-78-901234", accountHolder = "김민수" },
                currentPassword = withAccount.Password,
            });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        using var users = fixture.UsersAs("payments");

        var account = await users.GetFromJsonAsync<JsonElement>($"/internal/users/{withAccount.Id}/payout-account");
        using var none = await users.GetAsync(new Uri($"/internal/users/{without.Id}/payout-account", UriKind.Relative));

        Assert.Equal("12345678901234", account.GetProperty("accountNumber").GetString());
        Assert.Equal("국민은행", account.GetProperty("bankName").GetString());
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }
}
