namespace OneDay.Notifications.Templates;

/// <summary>
/// Why an application ended, in words for the applicant: the employer's own reason as written, and the
/// process's codes (jobs' saga and waitlist, users' eligibility reasons) translated.
/// </summary>
public static class RejectionReasons
{
    /// <summary>Jobs' codes for ending an application whatever its outcome (expired, cancelled).</summary>
    private static readonly Dictionary<string, string> Process = new(StringComparer.Ordinal)
    {
        ["waitlist-closed"] = "근무가 시작되었거나 모집이 마감되어 대기가 끝났습니다",
        ["shift-unconfirmed"] = "기한까지 근무를 확정하지 않아 자리가 대기자에게 넘어갔습니다",
    };

    private const string IneligiblePrefix = "ineligible:";

    private static readonly Dictionary<string, string> Eligibility = new(StringComparer.Ordinal)
    {
        ["email-not-verified"] = "이메일 인증을 마쳐야 지원할 수 있습니다",
        ["suspended"] = "이용이 정지된 계정입니다",
        ["deleted"] = "탈퇴한 계정입니다",
        ["not-a-worker"] = "근로자 계정만 지원할 수 있습니다",
    };

    public static string Describe(string outcome, string reason) => outcome switch
    {
        _ when Process.TryGetValue(reason, out var described) => described,
        "Expired" => "고용주가 기한 안에 답하지 않아 지원이 만료되었습니다",
        "Failed" => "지원을 처리하지 못했습니다. 잠시 후 다시 지원해 주세요",
        _ when reason.StartsWith(IneligiblePrefix, StringComparison.Ordinal) => string.Join(", ",
            reason[IneligiblePrefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(code => Eligibility.GetValueOrDefault(code, "지원 조건을 충족하지 않습니다")).Distinct()),
        _ => reason,
    };
}
