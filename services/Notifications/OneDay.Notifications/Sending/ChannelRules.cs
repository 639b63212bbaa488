using OneDay.Contracts.Notifications;

namespace OneDay.Notifications.Sending;

/// <summary>
/// Which channels each kind may use and which it uses unless the user chose otherwise. SMS costs money
/// and interrupts, so it is offered only for matches, payments and the codes a user asks for. Secret kinds
/// (codes and links) never enter the in-app list, ignore preferences and quiet hours: the user is waiting.
/// Account-security notices are secret kinds too: the owner cannot opt out of hearing that someone used their
/// address or changed where their wages go, and they go only to the mailbox, which a stolen session cannot read.
/// </summary>
public static class ChannelRules
{
    private const NotificationChannel InApp = NotificationChannel.InApp;
    private const NotificationChannel Email = NotificationChannel.Email;
    private const NotificationChannel Sms = NotificationChannel.Sms;
    private const NotificationChannel Push = NotificationChannel.Push;

    private static readonly Dictionary<NotificationKind, ChannelRule> Rules = new()
    {
        [NotificationKind.Welcome] = new([InApp, Email, Push], [InApp, Email]),
        [NotificationKind.ApplicationSubmitted] = new([InApp, Email, Push], [InApp, Email, Push]),
        [NotificationKind.ApplicationDecisionReminder] = new([InApp, Email, Push], [InApp, Push]),
        [NotificationKind.ApplicationAccepted] = new([InApp, Email, Push], [InApp, Push]),
        [NotificationKind.ApplicationRejected] = new([InApp, Email, Push], [InApp, Push]),
        [NotificationKind.ApplicationCancelled] = new([InApp, Email, Push], [InApp, Push]),
        [NotificationKind.ApplicationCancelledWithPay] = new([InApp, Email, Push], [InApp, Email, Push]),
        [NotificationKind.ApplicationNoShow] = new([InApp, Email, Push], [InApp, Push]),
        [NotificationKind.ShiftConfirmationRequest] = new([InApp, Email, Sms, Push], [InApp, Push]),
        [NotificationKind.ShiftUnconfirmed] = new([InApp, Email, Push], [InApp, Push]),
        [NotificationKind.ShiftReminder] = new([InApp, Sms, Push], [InApp, Push]),
        [NotificationKind.WorkerCheckedIn] = new([InApp, Email, Push], [InApp, Push]),
        [NotificationKind.WorkerCheckedOut] = new([InApp, Email, Push], [InApp, Push]),
        [NotificationKind.AttendanceSetByEmployer] = new([InApp, Email, Push], [InApp, Push]),
        [NotificationKind.AttendanceConfirmed] = new([InApp, Email, Push], [InApp, Push]),
        [NotificationKind.AttendanceDisputed] = new([InApp, Email, Push], [InApp, Email, Push]),
        [NotificationKind.RatingGiven] = new([InApp, Email, Push], [InApp]),
        [NotificationKind.JobMatched] = new([InApp, Email, Sms, Push], [InApp, Sms, Push]),
        [NotificationKind.JobCompleted] = new([InApp, Email, Push], [InApp, Push]),
        [NotificationKind.PaymentCompleted] = new([InApp, Email, Sms, Push], [InApp, Sms, Push]),
        [NotificationKind.PaymentFailed] = new([InApp, Email, Sms, Push], [InApp, Sms, Push]),
        [NotificationKind.SettlementCreated] = new([InApp, Email, Sms, Push], [InApp, Push]),
        [NotificationKind.WithdrawalRequested] = new([InApp, Email, Sms, Push], [InApp, Push]),
        [NotificationKind.WithdrawalCompleted] = new([InApp, Email, Sms, Push], [InApp, Sms, Push]),
        [NotificationKind.ChatMessage] = new([InApp, Push], [InApp, Push]),
        [NotificationKind.FilingDeadlineApproaching] = new([InApp, Email, Push], [InApp, Email, Push]),
        [NotificationKind.Announcement] = new([InApp, Email, Push], [InApp, Push]),
        [NotificationKind.EmailVerification] = new([Email, Sms], [Email], Secret: true),
        [NotificationKind.PasswordReset] = new([Email, Sms], [Email], Secret: true),
        [NotificationKind.SignUpAttempt] = new([Email], [Email], Secret: true),
        [NotificationKind.PayoutAccountChanged] = new([Email], [Email], Secret: true),
    };

    public static ChannelRule For(NotificationKind kind) => Rules[kind];

    /// <summary>The kinds whose channels a user can choose (secret kinds are not among them).</summary>
    public static IEnumerable<NotificationKind> ChoosableKinds => Rules.Where(r => !r.Value.Secret).Select(r => r.Key);
}

public sealed record ChannelRule(IReadOnlyList<NotificationChannel> Allowed, IReadOnlyList<NotificationChannel> Defaults, bool Secret = false);
