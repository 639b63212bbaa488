using System.Text.Json.Serialization;

namespace OneDay.Contracts.Notifications;

/// <summary>What a notification is about; preferences are chosen per kind. On the wire a kind reads like the topic that causes it.</summary>
public enum NotificationKind
{
    [JsonStringEnumMemberName("welcome")] Welcome,
    [JsonStringEnumMemberName("application-submitted")] ApplicationSubmitted,
    [JsonStringEnumMemberName("application-decision-reminder")] ApplicationDecisionReminder,
    [JsonStringEnumMemberName("application-accepted")] ApplicationAccepted,
    [JsonStringEnumMemberName("application-rejected")] ApplicationRejected,
    [JsonStringEnumMemberName("application-cancelled")] ApplicationCancelled,
    [JsonStringEnumMemberName("application-no-show")] ApplicationNoShow,
    [JsonStringEnumMemberName("shift-confirmation-request")] ShiftConfirmationRequest,
    [JsonStringEnumMemberName("shift-unconfirmed")] ShiftUnconfirmed,
    [JsonStringEnumMemberName("shift-reminder")] ShiftReminder,
    [JsonStringEnumMemberName("job-matched")] JobMatched,
    [JsonStringEnumMemberName("job-completed")] JobCompleted,
    [JsonStringEnumMemberName("payment-completed")] PaymentCompleted,
    [JsonStringEnumMemberName("payment-failed")] PaymentFailed,
    [JsonStringEnumMemberName("settlement-created")] SettlementCreated,
    [JsonStringEnumMemberName("withdrawal-requested")] WithdrawalRequested,
    [JsonStringEnumMemberName("withdrawal-completed")] WithdrawalCompleted,
    [JsonStringEnumMemberName("chat-message")] ChatMessage,
    [JsonStringEnumMemberName("email-verification")] EmailVerification,
    [JsonStringEnumMemberName("password-reset")] PasswordReset,
    [JsonStringEnumMemberName("announcement")] Announcement,
    [JsonStringEnumMemberName("sign-up-attempt")] SignUpAttempt,
    [JsonStringEnumMemberName("payout-account-changed")] PayoutAccountChanged,
    [JsonStringEnumMemberName("application-cancelled-with-pay")] ApplicationCancelledWithPay,
    [JsonStringEnumMemberName("worker-checked-in")] WorkerCheckedIn,
    [JsonStringEnumMemberName("worker-checked-out")] WorkerCheckedOut,
    [JsonStringEnumMemberName("attendance-set-by-employer")] AttendanceSetByEmployer,
    [JsonStringEnumMemberName("attendance-confirmed")] AttendanceConfirmed,
    [JsonStringEnumMemberName("attendance-disputed")] AttendanceDisputed,
    [JsonStringEnumMemberName("rating-given")] RatingGiven,
    [JsonStringEnumMemberName("filing-deadline-approaching")] FilingDeadlineApproaching,
}
