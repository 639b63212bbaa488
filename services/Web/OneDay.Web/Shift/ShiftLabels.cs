using System.Text;
using OneDay.Contracts;
using OneDay.Web.Jobs;

namespace OneDay.Web.Shift;

/// <summary>How the shift's values read in Korean, in Korea's time (the workplaces are all in Korea).</summary>
public static class ShiftLabels
{
    public static string Time(DateTimeOffset? at) => at is { } value ? value.ToOffset(KoreanTime.Offset).ToString("M월 d일 HH:mm") : "기록 없음";

    public static string Source(string? source) => source switch
    {
        "Scan" => "코드",
        "Employer" => "사업주 기록",
        _ => "",
    };

    public static string Duration(int? minutes) =>
        minutes is { } value ? (value >= 60 ? $"{value / 60}시간 {value % 60}분" : $"{value}분") : "퇴근 후 계산";

    /// <summary>Where the record stands for both sides, from the application's status and the employer's objection.</summary>
    public static string RecordState(Attendance record, string applicationStatus) => applicationStatus switch
    {
        "Completed" or "Paid" => "사업주 확인 완료",
        _ when record.DisputeReason is not null => "사업주가 이의를 제기함",
        _ when record.Complete => "사업주 확인 대기",
        _ when record.CheckedInAt is not null => "근무 중",
        _ => "출근 전",
    };

    /// <summary>Stars as they are seen and as they are read out: ★★★★☆ 4점.</summary>
    public static string Stars(int stars) => new string('★', stars) + new string('☆', 5 - stars) + $" {stars}점";

    /// <summary>An applicant's record in one line for the employer's list.</summary>
    public static string Applicant(ApplicantRecord record) =>
        $"근무 완료 {record.Completed}회 · 평점 {(record.AverageStars is { } average ? $"{average:0.0} ({record.Ratings}건)" : "없음")} · 노쇼 {record.NoShows}회 · 늦은 취소 {record.LateCancels}회";

    /// <summary>
    /// The QR code as an image, never as markup: an &lt;img&gt; runs no script and reaches nothing else, whatever
    /// the SVG holds, so even our own API's answer is never injected into the page.
    /// </summary>
    public static string SvgImage(string svg) => "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
}
