using OneDay.Testing;
using OneDay.Users.Data;

namespace OneDay.Users.Tests;

public sealed class UsersModelMatchesMigrationsTests : ModelMatchesMigrationsTests<UsersDbContextFactory, UsersDbContext>;
