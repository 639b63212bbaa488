using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OneDay.Contracts.Notifications;
using OneDay.Contracts.Payments;

namespace OneDay.Notifications.Templates;

/// <summary>A notification's text as the user reads it.</summary>
public sealed record RenderedMessage(string Title, string Body, string? Link = null);

/// <summary>
/// The Korean text of every kind, with {placeholders} filled from template values. Events and callers of
/// /notifications/send pass values, never wording, so the voice of the product stays in one file.
/// </summary>
public static partial class NotificationTemplates
{
    public static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko-KR");

    private static readonly Dictionary<NotificationKind, (string Title, string Body)> Texts = new()
    {
        [NotificationKind.Welcome] = ("원데이에 오신 것을 환영합니다", "{name}님, 가입을 환영합니다. 가까운 곳의 하루 일자리를 지금 찾아보세요."),
        [NotificationKind.ApplicationSubmitted] = ("새 지원자가 있습니다", "'{jobTitle}' 공고에 새 지원이 접수되었습니다. 지원자를 확인해 주세요."),
        [NotificationKind.ApplicationDecisionReminder] = ("지원자가 결정을 기다리고 있습니다", "'{jobTitle}' 공고의 지원자에게 아직 답하지 않으셨습니다. 결정 기한이 지나면 지원은 자동으로 만료됩니다."),
        [NotificationKind.ApplicationAccepted] = ("지원이 수락되었습니다", "'{jobTitle}' 지원이 수락되었습니다."),
        [NotificationKind.ApplicationRejected] = ("지원이 거절되었습니다", "'{jobTitle}' 지원이 거절되었습니다. 사유: {reason}"),
        [NotificationKind.ApplicationCancelled] = ("지원이 취소되었습니다", "'{jobTitle}' 지원이 취소되었습니다. 사유: {reason}"),
        [NotificationKind.ApplicationCancelledWithPay] = ("근무가 취소되어 보상금을 받습니다",
            "'{jobTitle}' 근무를 사업주가 시작 직전에 취소했습니다. 사유: {reason}. 예정 임금의 일부인 {amount}원이 결제되면 지갑에 입금됩니다."),
        [NotificationKind.ShiftConfirmationRequest] = ("근무를 확정해 주세요", "'{jobTitle}' 근무가 {startsAt}에 {address}에서 시작합니다. 앱에서 근무를 확정해 주세요. 출근할 때 현장의 출근 코드를 찍어 주세요."),
        [NotificationKind.ShiftUnconfirmed] = ("근무자가 아직 근무를 확정하지 않았습니다", "'{jobTitle}' ({startsAt} 시작) 근무자가 확정 기한까지 근무를 확정하지 않았습니다. 채팅으로 확인해 보세요."),
        [NotificationKind.ShiftReminder] = ("곧 근무가 시작됩니다", "'{jobTitle}' 근무가 {startsAt}에 {address}에서 시작합니다. 도착하면 현장의 출근 코드를 찍어 주세요."),
        [NotificationKind.WorkerCheckedIn] = ("근무자가 출근했습니다", "'{jobTitle}' 근무자가 {checkedInAt}에 출근했습니다 ({lateness})."),
        [NotificationKind.WorkerCheckedOut] = ("근무자가 퇴근했습니다", "'{jobTitle}' 근무자가 {checkedOutAt}에 퇴근했습니다. 출퇴근 기록을 확인하고 근무를 완료해 주세요."),
        [NotificationKind.AttendanceSetByEmployer] = ("사업주가 출퇴근 시각을 기록했습니다",
            "사업주가 '{jobTitle}' 근무의 {which} 시각을 기록했습니다: {at}. 실제와 다르면 채팅으로 사업주에게 알려 주세요."),
        [NotificationKind.AttendanceConfirmed] = ("출퇴근 기록이 확정되었습니다",
            "'{jobTitle}' 근무가 완료되었습니다. 출퇴근 기록이 {how} 확정되었습니다: {checkedInAt} 출근, {checkedOutAt} 퇴근, 휴게시간을 뺀 근무 {worked}. 임금은 이 기록으로 계산되어 결제 후 지급됩니다."),
        [NotificationKind.AttendanceDisputed] = ("사업주가 출퇴근 기록에 이의를 제기했습니다",
            "'{jobTitle}' 출퇴근 기록에 사업주가 이의를 제기했습니다. 사유: {reason}. 기록이 바로잡혀 근무가 완료될 때까지 임금 지급이 보류됩니다."),
        [NotificationKind.RatingGiven] = ("새 평가가 있습니다", "{rater}가 '{jobTitle}' 근무에 {rating}"),
        [NotificationKind.ApplicationNoShow] = ("출근 기록 없이 시작 시간이 지났습니다", "'{jobTitle}' 근무에 출근 기록이 없어 노쇼로 처리되었고, 자리는 다시 모집합니다."),
        [NotificationKind.JobMatched] = ("매칭이 확정되었습니다", "'{jobTitle}' 근무가 확정되었습니다. 근무 시작: {startsAt}"),
        [NotificationKind.JobCompleted] = ("근무가 완료되었습니다", "'{jobTitle}' 근무가 완료 처리되었습니다 ({pay}). 임금은 결제 후 지급됩니다."),
        [NotificationKind.PaymentCompleted] = ("결제가 완료되었습니다", "'{jobTitle}' {amountLabel} {amount}원이 처리되었습니다."),
        [NotificationKind.PaymentFailed] = ("결제에 실패했습니다", "'{jobTitle}' 결제에 실패했습니다. 사유: {reason}. 결제 수단을 확인해 주세요."),
        [NotificationKind.SettlementCreated] = ("정산이 완료되었습니다", "{amount}원이 정산되어 지갑에 입금되었습니다."),
        [NotificationKind.WithdrawalRequested] = ("출금 신청이 접수되었습니다", "{amount}원 출금 신청이 접수되었습니다."),
        [NotificationKind.WithdrawalCompleted] = ("출금이 완료되었습니다", "{amount}원이 등록하신 계좌로 출금되었습니다."),
        [NotificationKind.ChatMessage] = ("새 메시지가 도착했습니다", "{preview}"),
        [NotificationKind.FilingDeadlineApproaching] = ("{filing} 제출 기한이 다가옵니다",
            "{month}분 {filing}의 제출 기한은 {dueOn}입니다. 대상 근로자는 {workers}명입니다.{missing} 원데이에서 신고 파일을 내려받아 기한 안에 제출해 주세요."),
        [NotificationKind.EmailVerification] = ("[원데이] 이메일 인증 안내",
            "{displayName}님, 아래 링크에서 이메일 인증을 완료해 주세요.\n{webBaseUrl}/verify-email?token={token}\n인증 코드: {token}\n{expiresAt}까지 유효합니다. 본인이 요청하지 않았다면 이 메시지를 무시해 주세요."),
        [NotificationKind.PasswordReset] = ("[원데이] 비밀번호 재설정 안내",
            "{displayName}님, 아래 링크에서 새 비밀번호를 설정해 주세요.\n{webBaseUrl}/reset-password?token={token}\n인증 코드: {token}\n{expiresAt}까지 유효합니다. 본인이 요청하지 않았다면 이 메시지를 무시해 주세요."),
        [NotificationKind.Announcement] = ("{title}", "{body}"),
        [NotificationKind.SignUpAttempt] = ("[원데이] 가입 시도 안내",
            "{displayName}님, 누군가 이 이메일 주소로 원데이 가입을 시도했습니다. 이미 가입된 계정이 있어 새 계정은 만들어지지 않았습니다.\n본인이라면 로그인해 주세요. 비밀번호가 기억나지 않으면 여기에서 재설정할 수 있습니다: {webBaseUrl}/forgot-password\n본인이 아니라면 이 메시지를 무시해 주세요."),
        [NotificationKind.PayoutAccountChanged] = ("[원데이] 출금 계좌 변경 안내",
            "{displayName}님, 출금 계좌가 {bankName} {accountNumber}(으)로 변경되었습니다.\n본인이 변경하지 않았다면 바로 비밀번호를 재설정하고 고객센터에 알려 주세요: {webBaseUrl}/forgot-password"),
    };

    /// <summary>Fills the kind's text; throws <see cref="MissingTemplateValueException"/> when a value is missing.</summary>
    public static RenderedMessage Render(NotificationKind kind, IReadOnlyDictionary<string, string> values, string? link = null)
    {
        var (title, body) = Texts[kind];
        return new RenderedMessage(Fill(kind, title, values), Fill(kind, body, values), link);
    }

    /// <summary>The values a kind's text needs, for a caller's request to be checked before anything is written.</summary>
    public static IReadOnlyList<string> RequiredValues(NotificationKind kind)
    {
        var (title, body) = Texts[kind];
        return Placeholder().Matches(title + body).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
    }

    public static string Won(long amount) => amount.ToString("N0", Korean);

    /// <summary>An employer's monthly filing by its Korean name (the event carries its wire name).</summary>
    public static string Filing(string filing) => filing switch
    {
        FilingDeadlineApproaching.DailyWageWithholding => "일용근로소득 지급명세서",
        FilingDeadlineApproaching.EmploymentInsurance => "근로내용확인신고",
        _ => filing,
    };

    /// <summary>The sentence about workers who gave no resident number, or nothing when all did.</summary>
    public static string MissingResidentNumbers(int workers) =>
        workers == 0 ? "" : $" 그중 {workers}명은 주민등록번호를 등록하지 않아 직접 입력해야 합니다.";

    /// <summary>A date as a Korean reader writes it: "2027년 1월 15일".</summary>
    public static string KoreanDate(DateOnly date) => date.ToString("yyyy년 M월 d일", Korean);

    /// <summary>Minutes worked as people say them: "8시간", "8시간 30분", "45분".</summary>
    public static string Duration(int minutes) => (minutes / 60, minutes % 60) switch
    {
        (0, var m) => $"{m}분",
        (var h, 0) => $"{h}시간",
        var (h, m) => $"{h}시간 {m}분",
    };

    /// <summary>A moment as a Korean reader expects it: Korea time, e.g. "11월 25일 (수) 09:00".</summary>
    public static string KoreaTime(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Preferences.QuietHours.Korea).ToString("M월 d일 (ddd) HH:mm", Korean);

    private static string Fill(NotificationKind kind, string text, IReadOnlyDictionary<string, string> values)
    {
        var filled = new StringBuilder(text.Length + 64);
        var last = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            var name = match.Groups[1].Value;
            if (!values.TryGetValue(name, out var value)) throw new MissingTemplateValueException(kind, name);
            filled.Append(text, last, match.Index - last).Append(value);
            last = match.Index + match.Length;
        }
        return filled.Append(text, last, text.Length - last).ToString();
    }

    [GeneratedRegex(@"\{([a-zA-Z]+)\}")]
    private static partial Regex Placeholder();
}

public sealed class MissingTemplateValueException(NotificationKind kind, string name)
    : Exception($"the {kind} text needs the value '{name}'")
{
    public string Name { get; } = name;
}
