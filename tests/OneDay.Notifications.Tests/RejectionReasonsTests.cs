using OneDay.Notifications.Templates;

namespace OneDay.Notifications.Tests;

/// <summary>What an applicant reads when an application ends: never a process code.</summary>
public sealed class RejectionReasonsTests
{
    [Theory]
    [InlineData("Rejected", "모집이 마감되었습니다", "모집이 마감되었습니다")]
    [InlineData("Rejected", "ineligible:email-not-verified", "이메일 인증을 마쳐야 지원할 수 있습니다")]
    [InlineData("Rejected", "ineligible:suspended,not-a-worker", "이용이 정지된 계정입니다, 근로자 계정만 지원할 수 있습니다")]
    [InlineData("Rejected", "ineligible:something-new", "지원 조건을 충족하지 않습니다")]
    [InlineData("Expired", "no-decision-before-deadline", "고용주가 기한 안에 답하지 않아 지원이 만료되었습니다")]
    [InlineData("Expired", "waitlist-closed", "근무가 시작되었거나 모집이 마감되어 대기가 끝났습니다")]
    [InlineData("Cancelled", "shift-unconfirmed", "기한까지 근무를 확정하지 않아 자리가 대기자에게 넘어갔습니다")]
    [InlineData("Cancelled", "일정이 바뀌었습니다", "일정이 바뀌었습니다")]
    [InlineData("Failed", "employer-not-notified", "지원을 처리하지 못했습니다. 잠시 후 다시 지원해 주세요")]
    public void Reasons_read_as_sentences(string outcome, string reason, string expected) =>
        Assert.Equal(expected, RejectionReasons.Describe(outcome, reason));
}
