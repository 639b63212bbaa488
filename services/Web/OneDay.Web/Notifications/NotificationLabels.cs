namespace OneDay.Web.Notifications;

/// <summary>Korean names for the notifications API's kinds and channels (their wire names).</summary>
public static class NotificationLabels
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["welcome"] = "가입 환영",
        ["application-submitted"] = "새 지원",
        ["application-decision-reminder"] = "지원 결정 알림",
        ["application-accepted"] = "지원 수락",
        ["application-rejected"] = "지원 거절",
        ["application-cancelled"] = "지원 취소",
        ["application-no-show"] = "결근",
        ["shift-confirmation-request"] = "근무 확인 요청",
        ["shift-unconfirmed"] = "근무 미확인",
        ["shift-reminder"] = "근무 시작 알림",
        ["job-matched"] = "매칭 완료",
        ["job-completed"] = "근무 완료",
        ["payment-completed"] = "결제 완료",
        ["payment-failed"] = "결제 실패",
        ["settlement-created"] = "정산",
        ["withdrawal-requested"] = "출금 신청",
        ["withdrawal-completed"] = "출금 완료",
        ["chat-message"] = "채팅 메시지",
        ["announcement"] = "공지",
        ["email-verification"] = "이메일 인증",
        ["password-reset"] = "비밀번호 재설정",
        ["sign-up-attempt"] = "가입 시도",
        ["payout-account-changed"] = "출금 계좌 변경",
        ["application-cancelled-with-pay"] = "취소 보상금",
        ["worker-checked-in"] = "출근",
        ["worker-checked-out"] = "퇴근",
        ["attendance-set-by-employer"] = "출퇴근 기록 수정",
        ["attendance-confirmed"] = "근무 시간 확정",
        ["attendance-disputed"] = "근무 시간 이의",
        ["rating-given"] = "받은 평가",
        ["filing-deadline-approaching"] = "신고 기한 알림",
    };

    public static string Kind(string kind) => Kinds.GetValueOrDefault(kind, kind);

    public static string Channel(string channel) => channel switch
    {
        "in-app" => "앱 안",
        "email" => "이메일",
        "sms" => "문자",
        "push" => "푸시",
        _ => channel,
    };
}
