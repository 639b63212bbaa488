namespace OneDay.DemoData;

/// <summary>
/// A demo account. LOCAL DEVELOPMENT ONLY: the password is published in README.md so a newcomer can log in;
/// these accounts are created only by `scripts/run.sh --seed` against a local system.
/// </summary>
internal sealed record DemoAccount(string Email, string Password, string DisplayName, string PhoneNumber, string Role)
{
    public const string LocalDevelopmentPassword = "oneday-demo-2026";

    public static DemoAccount Employer { get; } = new("demo-employer@oneday.dev", LocalDevelopmentPassword, "원데이물류", "010-2026-0001", "Employer");

    public static DemoAccount Worker { get; } = new("demo-worker@oneday.dev", LocalDevelopmentPassword, "김하루", "010-2026-0002", "Worker");
}
