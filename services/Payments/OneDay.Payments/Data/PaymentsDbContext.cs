using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OneDay.Payments.Payroll;
using OneDay.Payments.Idempotency;
using OneDay.Payments.Ledger;
using OneDay.Payments.ResidentNumbers;
using OneDay.Payments.Statements;
using OneDay.Payments.WagePayments;
using OneDay.Payments.Wallet;
using OneDay.Persistence.Database;

namespace OneDay.Payments.Data;

public sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<LedgerAccount> LedgerAccounts => Set<LedgerAccount>();
    public DbSet<Journal> Journals => Set<Journal>();
    public DbSet<Posting> Postings => Set<Posting>();
    public DbSet<OwedWage> OwedWages => Set<OwedWage>();
    public DbSet<PayrollSettings> PayrollSettings => Set<PayrollSettings>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Settlement> Settlements => Set<Settlement>();
    public DbSet<Withdrawal> Withdrawals => Set<Withdrawal>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<WorkerTaxIdentity> WorkerTaxIdentities => Set<WorkerTaxIdentity>();
    public DbSet<FilingReminder> FilingReminders => Set<FilingReminder>();
}

/// <summary>For `dotnet ef migrations add`: the model without starting the app (which needs its sidecar).</summary>
public sealed class PaymentsDbContextFactory : IDesignTimeDbContextFactory<PaymentsDbContext>
{
    public PaymentsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PaymentsDbContext>().UseNpgsql("Host=127.0.0.1;Database=oneday_payments_design").Options);
}
