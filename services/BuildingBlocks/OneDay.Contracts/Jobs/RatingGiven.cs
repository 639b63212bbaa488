namespace OneDay.Contracts.Jobs;

/// <summary>
/// One side of a completed application rated the other (1–5 <paramref name="Stars"/>), or within the day it may be
/// changed gave it other stars (<paramref name="Changed"/>). <paramref name="RaterRole"/> is Worker or Employer.
/// The optional comment stays in jobs: it is free text about a person, changeable for a day and erased with the
/// rater's account, while an event's copy would outlive all that in the outbox, the broker's stream and any log
/// of the payload; the rated person reads it in the app.
/// </summary>
public sealed record RatingGiven(
    Guid ApplicationId, Guid JobId, Guid RaterId, Guid RateeId, UserRole RaterRole, string JobTitle, int Stars, bool Changed)
    : IntegrationEvent;
