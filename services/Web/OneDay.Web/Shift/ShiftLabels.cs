using System.Text;
using OneDay.Contracts;

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

    /// <summary>
    /// The QR code as an image, never as markup: an &lt;img&gt; runs no script and reaches nothing else, whatever
    /// the SVG holds, so even our own API's answer is never injected into the page.
    /// </summary>
    public static string SvgImage(string svg) => "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
}
