using System.Net;
using System.Net.Http.Headers;
using Npgsql;
using OneDay.Contracts;

namespace OneDay.Users.Tests;

/// <summary>The users service configured with a first Admin, as an operator sets it up.</summary>
public sealed class BootstrapAdminFixture : UsersServiceFixture
{
    public const string Email = "Ops@OneDay.kr";
    public const string Password = "운영-관리자-2026!";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["BootstrapAdmin:Email"] = Email,
        ["BootstrapAdmin:Password"] = Password,
    };
}

public sealed class BootstrapAdminTests(BootstrapAdminFixture fixture) : IClassFixture<BootstrapAdminFixture>
{
    [Fact]
    public async Task The_configured_admin_logs_in_and_suspends_a_worker()
    {
        var worker = await fixture.RegisterVerifiedAsync();

        var admin = await fixture.TokensForAsync(new TestAccount(Guid.Empty, BootstrapAdminFixture.Email, BootstrapAdminFixture.Password, UserRole.Admin));
        using var client = fixture.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);
        using var suspended = await client.PostAsync(new Uri($"/users/{worker.Id}/suspend", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NoContent, suspended.StatusCode);
        await fixture.Events.WaitForAsync(events => events.Any(e => e.Topic == "user-created" && e.Data.GetProperty("role").GetString() == "Admin"));
    }

    [Fact]
    public async Task A_second_replica_starting_with_the_same_settings_creates_no_second_admin()
    {
        await using var replica = await fixture.Dapr.StartServiceAsync<Program>("users", new Dictionary<string, string?>
        {
            ["BootstrapAdmin:Email"] = BootstrapAdminFixture.Email,
            ["BootstrapAdmin:Password"] = BootstrapAdminFixture.Password,
        });

        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var admins = new NpgsqlCommand("SELECT count(*) FROM users WHERE role = 'Admin'", connection);
        Assert.Equal(1L, await admins.ExecuteScalarAsync());
    }
}
