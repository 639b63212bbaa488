namespace OneDay.Payments.Clients;

/// <summary>Jobs' record of whether a completed application has been paid.</summary>
public interface IApplicationPayments
{
    Task<ApplicationMarkAnswer> MarkPaidAsync(Guid applicationId, CancellationToken cancellationToken);

    Task<ApplicationMarkAnswer> MarkUnpaidAsync(Guid applicationId, CancellationToken cancellationToken);
}
