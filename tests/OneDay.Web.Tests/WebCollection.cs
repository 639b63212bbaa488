namespace OneDay.Web.Tests;

/// <summary>
/// The web client's tests in two collections that xUnit runs side by side, both on one system and one browser
/// (<see cref="Shared{T}"/>): starting them is most of a run, so it happens once, and a test waiting for a job's
/// real start time in one collection leaves the machine to the other. Split so the two take about as long.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<Shared<WebSystem>>, ICollectionFixture<Shared<Chromium>>
{
    public const string Name = "web client: jobs, shifts and notices";
}

/// <summary>The other half of the web client's tests: accounts, the employer's money and the worker's wallet, chat.</summary>
[CollectionDefinition(Name)]
public sealed class WebMoneyCollection : ICollectionFixture<Shared<WebSystem>>, ICollectionFixture<Shared<Chromium>>
{
    public const string Name = "web client: accounts, money and chat";
}
