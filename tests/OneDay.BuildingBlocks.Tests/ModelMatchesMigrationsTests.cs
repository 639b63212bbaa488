using OneDay.SampleService.Data;
using OneDay.Testing;

namespace OneDay.BuildingBlocks.Tests;

// The sample service's model holds the outbox and inbox configurations every service shares.
public sealed class SampleModelMatchesMigrationsTests : ModelMatchesMigrationsTests<SampleDbContextFactory, SampleDbContext>;
