using OneDay.Jobs.Data;
using OneDay.Testing;

namespace OneDay.Jobs.Tests;

public sealed class JobsModelMatchesMigrationsTests : ModelMatchesMigrationsTests<JobsDbContextFactory, JobsDbContext>;
