using System.Globalization;

namespace OneDay.Web.Jobs;

/// <summary>How the API's values read in Korean.</summary>
public static class KoreanLabels
{
    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko-KR");

    public static string Wage(long krw, string unit) => (unit == "Hourly" ? "시급 " : "일급 ") + Won(krw);

    /// <summary>How far a job is: metres under a kilometre (to the ten), else kilometres to one decimal ("350m", "1.2km").</summary>
    public static string Distance(double km) =>
        km < 1 ? $"{Math.Round(km * 100) * 10:0}m" : km.ToString("0.#", CultureInfo.InvariantCulture) + "km";

    /// <summary>An amount to the won, as "198,515원".</summary>
    public static string Won(long krw) => krw.ToString("N0", Korean) + "원";

    public static string ApplicationStatus(string status) => status switch
    {
        "Pending" => "확인 중",
        "Submitted" => "검토 대기",
        "Accepted" => "확정",
        "Completed" => "근무 완료",
        "Paid" => "지급 완료",
        "Rejected" => "거절됨",
        "Cancelled" => "취소됨",
        "Expired" => "기한 만료",
        "Failed" => "처리 실패",
        "Waitlisted" => "대기 중",
        _ => status,
    };

    public static string JobStatus(string status) => status switch
    {
        "Open" => "모집 중",
        "Filled" => "모집 완료",
        "Closed" => "마감",
        "Cancelled" => "철회됨",
        "Completed" => "종료",
        _ => status,
    };
}
