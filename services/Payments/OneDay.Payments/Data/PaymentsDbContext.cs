using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OneDay.Payments.Assignments;
using OneDay.Payments.Idempotency;
using OneDay.Payments.Ledger;
using OneDay.Payments.ResidentNumbers;
using OneDay.Payments.Statements;
using OneDay.Payments.WagePayments;
using OneDay.Payments.Wallet;
using OneDay.Persistence;

namespace OneDay.Payments.Data;

public sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options) : DbContext(options)
{
    public DbSet<LedgerAccount> LedgerAccounts => Set<LedgerAccount>();
    public DbSet<Journal> Journals => Set<Journal>();
    public DbSet<Posting> Postings => Set<Posting>();
    public DbSet<PayableAssignment> PayableAssignments => Set<PayableAssignment>();
    public DbSet<PayrollSettings> PayrollSettings => Set<PayrollSettings>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Settlement> Settlements => Set<Settlement>();
    public DbSet<Withdrawal> Withdrawals => Set<Withdrawal>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<WorkerTaxIdentity> WorkerTaxIdentities => Set<WorkerTaxIdentity>();
    public DbSet<FilingReminder> FilingReminders => Set<FilingReminder>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LedgerAccount>(account =>
        {
            account.ToTable("ledger_accounts");
            account.Property(a => a.Id).HasColumnName("id");
            account.Property(a => a.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(40);
            account.Property(a => a.OwnerId).HasColumnName("owner_id");
            account.Property(a => a.CreatedAt).HasColumnName("created_at");
            account.HasIndex(a => new { a.Kind, a.OwnerId }).IsUnique().AreNullsDistinct(false);
        });
        modelBuilder.Entity<Journal>(journal =>
        {
            journal.ToTable("journals");
            journal.Property(j => j.Id).HasColumnName("id");
            journal.Property(j => j.Reference).HasColumnName("reference").HasMaxLength(200);
            journal.Property(j => j.Description).HasColumnName("description").HasMaxLength(200);
            journal.Property(j => j.CreatedAt).HasColumnName("created_at");
            journal.HasIndex(j => j.Reference).IsUnique();
            journal.HasMany(j => j.Postings).WithOne().HasForeignKey(p => p.JournalId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Posting>(posting =>
        {
            posting.ToTable("postings", t => t.HasCheckConstraint("ck_postings_amount_not_zero", "amount_krw <> 0"));
            posting.Property(p => p.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            posting.Property(p => p.JournalId).HasColumnName("journal_id");
            posting.Property(p => p.AccountId).HasColumnName("account_id");
            posting.Property(p => p.AmountKrw).HasColumnName("amount_krw");
            posting.Property(p => p.CreatedAt).HasColumnName("created_at");
            posting.HasOne<LedgerAccount>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Restrict);
            posting.HasIndex(p => new { p.AccountId, p.Id });
        });
        modelBuilder.Entity<PayableAssignment>(assignment =>
        {
            assignment.ToTable("payable_assignments");
            assignment.HasKey(a => a.ApplicationId);
            assignment.Property(a => a.ApplicationId).HasColumnName("application_id").ValueGeneratedNever();
            assignment.Property(a => a.JobId).HasColumnName("job_id");
            assignment.Property(a => a.EmployerId).HasColumnName("employer_id");
            assignment.Property(a => a.WorkerId).HasColumnName("worker_id");
            assignment.Property(a => a.WageKrw).HasColumnName("wage_krw");
            // Rows recorded before the wage basis was carried hold the amount owed, which reads as a daily wage.
            assignment.Property(a => a.WageUnit).HasColumnName("wage_unit").HasMaxLength(10).HasDefaultValue(PayableAssignment.Daily);
            assignment.Property(a => a.MinutesWorked).HasColumnName("minutes_worked").HasDefaultValue(0);
            assignment.Property(a => a.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(20).HasDefaultValue(PayableKind.Work);
            assignment.Property(a => a.CompletedAt).HasColumnName("completed_at");
            assignment.Property(a => a.OwesOvertimePremium).HasColumnName("owes_overtime_premium").HasDefaultValue(true);
        });
        modelBuilder.Entity<PayrollSettings>(settings =>
        {
            settings.ToTable("payroll_settings");
            settings.HasKey(s => s.EmployerId);
            settings.Property(s => s.EmployerId).HasColumnName("employer_id").ValueGeneratedNever();
            settings.Property(s => s.OwesOvertimePremium).HasColumnName("owes_overtime_premium");
            settings.Property(s => s.UpdatedAt).HasColumnName("updated_at");
        });
        modelBuilder.Entity<Payment>(payment =>
        {
            payment.ToTable("payments");
            payment.Property(p => p.Id).HasColumnName("id");
            payment.Property(p => p.ApplicationId).HasColumnName("application_id");
            payment.Property(p => p.JobId).HasColumnName("job_id");
            payment.Property(p => p.EmployerId).HasColumnName("employer_id");
            payment.Property(p => p.WorkerId).HasColumnName("worker_id");
            payment.Property(p => p.GrossWageKrw).HasColumnName("gross_wage_krw");
            payment.Property(p => p.PlatformFeeKrw).HasColumnName("platform_fee_krw");
            payment.Property(p => p.IncomeTaxKrw).HasColumnName("income_tax_krw");
            payment.Property(p => p.LocalIncomeTaxKrw).HasColumnName("local_income_tax_krw");
            payment.Property(p => p.ProviderOrderId).HasColumnName("provider_order_id").HasMaxLength(64);
            payment.Property(p => p.ProviderPaymentKey).HasColumnName("provider_payment_key").HasMaxLength(200);
            payment.Property(p => p.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
            payment.Property(p => p.FailureReason).HasColumnName("failure_reason").HasMaxLength(500);
            payment.Property(p => p.CreatedAt).HasColumnName("created_at");
            payment.Property(p => p.SettledAt).HasColumnName("settled_at");
            payment.Ignore(p => p.Breakdown);
            payment.Ignore(p => p.AmountKrw);
            // One live payment per application: a failed or cancelled one may be retried with a new payment.
            payment.HasIndex(p => p.ApplicationId).IsUnique().HasFilter("status NOT IN ('Failed', 'Cancelled')");
            payment.HasIndex(p => new { p.EmployerId, p.Id });
        });
        modelBuilder.Entity<Settlement>(settlement =>
        {
            settlement.ToTable("settlements");
            settlement.Property(s => s.Id).HasColumnName("id");
            settlement.Property(s => s.PaymentId).HasColumnName("payment_id");
            settlement.Property(s => s.WorkerId).HasColumnName("worker_id");
            settlement.Property(s => s.GrossWageKrw).HasColumnName("gross_wage_krw");
            settlement.Property(s => s.WithheldKrw).HasColumnName("withheld_krw");
            settlement.Property(s => s.NetAmountKrw).HasColumnName("net_amount_krw");
            settlement.Property(s => s.CreatedAt).HasColumnName("created_at");
            settlement.HasIndex(s => s.PaymentId).IsUnique();
            settlement.HasIndex(s => new { s.WorkerId, s.Id });
        });
        modelBuilder.Entity<Withdrawal>(withdrawal =>
        {
            withdrawal.ToTable("withdrawals", t => t.HasCheckConstraint("ck_withdrawals_amount_positive", "amount_krw > 0"));
            withdrawal.Property(w => w.Id).HasColumnName("id");
            withdrawal.Property(w => w.WorkerId).HasColumnName("worker_id");
            withdrawal.Property(w => w.AmountKrw).HasColumnName("amount_krw");
            withdrawal.Property(w => w.BankName).HasColumnName("bank_name").HasMaxLength(30);
            withdrawal.Property(w => w.AccountNumber).HasColumnName("account_number").HasMaxLength(20);
            withdrawal.Property(w => w.AccountHolder).HasColumnName("account_holder").HasMaxLength(50);
            withdrawal.Property(w => w.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
            withdrawal.Property(w => w.FailureReason).HasColumnName("failure_reason").HasMaxLength(500);
            withdrawal.Property(w => w.RequestedAt).HasColumnName("requested_at");
            withdrawal.Property(w => w.FinishedAt).HasColumnName("finished_at");
            withdrawal.HasIndex(w => new { w.WorkerId, w.Id });
        });
        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("idempotency_records");
            record.HasKey(r => new { r.CallerId, r.Key });
            record.Property(r => r.CallerId).HasColumnName("caller_id");
            record.Property(r => r.Key).HasColumnName("key").HasMaxLength(200);
            record.Property(r => r.Operation).HasColumnName("operation").HasMaxLength(100);
            record.Property(r => r.RequestHash).HasColumnName("request_hash").HasMaxLength(64);
            record.Property(r => r.ResponseStatus).HasColumnName("response_status");
            record.Property(r => r.ResponseContentType).HasColumnName("response_content_type").HasMaxLength(100);
            record.Property(r => r.ResponseBody).HasColumnName("response_body");
            record.Property(r => r.CreatedAt).HasColumnName("created_at");
        });
        modelBuilder.Entity<WorkerTaxIdentity>(identity =>
        {
            identity.ToTable("worker_tax_identities");
            identity.HasKey(i => i.WorkerId);
            identity.Property(i => i.WorkerId).HasColumnName("worker_id").ValueGeneratedNever();
            identity.Property(i => i.LegalName).HasColumnName("legal_name").HasMaxLength(50);
            // AES-GCM output only (ResidentNumberCipher): the digits are never a column.
            identity.Property(i => i.SealedResidentNumber).HasColumnName("sealed_resident_number");
            identity.Property(i => i.UpdatedAt).HasColumnName("updated_at");
        });
        modelBuilder.Entity<FilingReminder>(reminder =>
        {
            reminder.ToTable("filing_reminders");
            reminder.HasKey(r => new { r.EmployerId, r.Filing, r.Month });
            reminder.Property(r => r.EmployerId).HasColumnName("employer_id");
            reminder.Property(r => r.Filing).HasColumnName("filing").HasMaxLength(40);
            reminder.Property(r => r.Month).HasColumnName("month").HasMaxLength(7);
            reminder.Property(r => r.RemindedAt).HasColumnName("reminded_at");
            reminder.HasIndex(r => r.Month);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>For `dotnet ef migrations add`: the model without starting the app (which needs its sidecar).</summary>
public sealed class PaymentsDbContextFactory : IDesignTimeDbContextFactory<PaymentsDbContext>
{
    public PaymentsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PaymentsDbContext>().UseNpgsql("Host=127.0.0.1;Database=oneday_payments_design").Options);
}
