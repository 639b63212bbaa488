using OneDay.Payments.Data;
using OneDay.Testing;

namespace OneDay.Payments.Tests;

public sealed class PaymentsModelMatchesMigrationsTests : ModelMatchesMigrationsTests<PaymentsDbContextFactory, PaymentsDbContext>;
