namespace OneDay.Web.Tests;

/// <summary>One system and one browser for every class here: starting them is most of a run, so it happens once.</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebSystem>, ICollectionFixture<Chromium>
{
    public const string Name = "web client";
}
