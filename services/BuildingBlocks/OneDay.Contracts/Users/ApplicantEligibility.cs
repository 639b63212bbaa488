using System.Text.Json.Serialization;

namespace OneDay.Contracts.Users;

/// <summary>Users' answer to <c>GET /internal/users/{id}/eligibility</c> (jobs asks, in the application workflow): may the user apply for work now, and if not, every reason.</summary>
public sealed record ApplicantEligibility(Guid UserId, bool Eligible, IReadOnlyList<IneligibilityReason> Reasons);

/// <summary>Why a user may not apply. On the wire (and in an application's rejection reason) each reads in kebab-case.</summary>
public enum IneligibilityReason
{
    /// <summary>Users knows no such account (its 404).</summary>
    [JsonStringEnumMemberName("not-found")] NotFound,
    [JsonStringEnumMemberName("deleted")] Deleted,
    [JsonStringEnumMemberName("suspended")] Suspended,
    [JsonStringEnumMemberName("email-not-verified")] EmailNotVerified,
    [JsonStringEnumMemberName("not-a-worker")] NotAWorker,
}
