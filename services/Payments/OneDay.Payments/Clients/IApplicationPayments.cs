namespace OneDay.Payments.Clients;

/// <summary>The answer jobs gave: done (or already so), or refused for good with a reason.</summary>
public sealed record JobsAnswer(bool Done, string? Refusal);

/// <summary>Jobs' record of whether a completed application has been paid.</summary>
public interface IApplicationPayments
{
    Task<JobsAnswer> MarkPaidAsync(Guid applicationId, CancellationToken cancellationToken);

    Task<JobsAnswer> MarkUnpaidAsync(Guid applicationId, CancellationToken cancellationToken);
}
