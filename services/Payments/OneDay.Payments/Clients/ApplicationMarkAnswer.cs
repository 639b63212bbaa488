namespace OneDay.Payments.Clients;

/// <summary>Jobs' answer to marking a completed application paid or unpaid: done (or already so), or refused for good with a reason.</summary>
public sealed record ApplicationMarkAnswer(bool Done, string? Refusal);
