using OneDay.Search.Data;
using OneDay.Testing;

namespace OneDay.Search.Tests;

public sealed class SearchModelMatchesMigrationsTests : ModelMatchesMigrationsTests<SearchDbContextFactory, SearchDbContext>;
