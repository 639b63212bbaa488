using System.Globalization;
using OneDay.Contracts;
using OneDay.Documents;
using OneDay.Jobs.JobPostings;

namespace OneDay.Jobs.LabourContracts;

/// <summary>
/// The contract's words, drawn from the job, following the items of the Ministry of Employment and Labour's standard
/// labour contract for short-term workers (docs/labour-contract.md lists them with their source): the parties, the
/// term, the workplace and duties, the working day with its hours and break, the wage with how and when it is paid,
/// the weekly holiday and paid leave, social insurance, delivery of the contract, and the catch-all clause.
/// </summary>
public static class LabourContractDocument
{
    public const string Title = "단기간(일용) 근로자 표준근로계약서";

    /// <summary>Under 15 scheduled hours a week the weekly paid holiday and annual leave do not apply (근로기준법 §18③).</summary>
    private const int WeeklyHolidayThresholdMinutes = 15 * 60;

    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko-KR");

    public static PaperDocument Draw(Job job, string employerName, Guid workerId, string workerName, Guid contractId, int version, DateTimeOffset drawnAt)
    {
        List<string> lines =
        [
            $"계약 번호: {contractId} (제{version}판)",
            $"사업주(이하 \"갑\"): {employerName} (OneDay 회원번호 {job.EmployerId})",
            $"근로자(이하 \"을\"): {workerName} (OneDay 회원번호 {workerId})",
            "갑과 을은 다음과 같이 근로계약을 맺는다.",
            "",
            .. Terms(job),
            "",
            $"작성일: {drawnAt.ToOffset(KoreanTime.Offset).ToString("yyyy년 M월 d일 HH:mm", Korean)} (한국 시간)",
            "갑과 을은 OneDay 앱에서 이 계약서의 전문을 확인하고 동의하는 방법으로 서명한다. 서명 기록에는 서명한 계정, 시각, 이 문서의 SHA-256 값이 남는다.",
        ];
        return new PaperDocument(Title, lines);
    }

    /// <summary>The hash of the clauses taken from the job: what decides whether a job edit needs a new contract.</summary>
    public static string TermsSha256(Job job) => PaperDocument.HashOf(string.Join('\n', Terms(job)));

    private static IEnumerable<string> Terms(Job job)
    {
        var date = job.WorkDate.ToString("yyyy년 M월 d일(ddd)", Korean);
        var scheduled = (int)(job.EndsAt - job.StartsAt).TotalMinutes - job.BreakMinutes;
        var endsNextDay = job.EndTime <= job.StartTime ? "다음 날 " : "";
        yield return $"1. 근로계약기간: {date} 하루 (일용근로)";
        yield return $"2. 근무 장소: {job.Address}";
        yield return $"3. 업무 내용: {job.Title} ({job.Category})";
        foreach (var line in job.Description.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) yield return $"   {line}";
        yield return $"4. 근로일 및 근로시간: {date} {job.StartTime:HH\\:mm}부터 {endsNextDay}{job.EndTime:HH\\:mm}까지, 휴게시간 {job.BreakMinutes}분 (소정근로시간 {Duration(scheduled)})";
        yield return $"5. 임금: {(job.WageUnit == WageUnit.Hourly ? "시간급" : "일급")} {job.WageKrw.ToString("N0", Korean)}원";
        if (job.WageUnit == WageUnit.Hourly) yield return "   - 실제 근로한 시간(출퇴근 기록에서 휴게시간을 뺀 시간)에 시간급을 곱하여 계산한다.";
        yield return "   - 하루 8시간을 넘는 연장근로에는 통상임금의 50% 이상을 가산하여 지급한다(근로기준법 제56조, 상시 5명 이상 사업장).";
        yield return "   - 임금지급일: 근로를 마친 날. 갑이 근로 완료를 확인하면 OneDay를 통해 같은 날 지급한다.";
        yield return "   - 지급방법: OneDay 결제로 을의 OneDay 지갑에 입금하며, 을은 본인 명의 계좌로 출금할 수 있다.";
        yield return "   - 공제: 일용근로소득에 대한 소득세와 지방소득세를 원천징수하고, 지급할 때 임금명세서를 교부한다.";
        yield return scheduled < WeeklyHolidayThresholdMinutes
            ? "6. 주휴일 및 연차유급휴가: 이 계약의 1주 소정근로시간은 15시간 미만이므로 주휴일과 연차유급휴가는 적용되지 않는다(근로기준법 제18조 제3항)."
            : "6. 주휴일 및 연차유급휴가: 근로기준법에서 정하는 바에 따른다.";
        yield return "7. 사회보험 적용: 고용보험과 산재보험을 적용한다(갑은 고용보험 근로내용확인신고를 근로한 달의 다음 달 15일까지 한다). 1개월 미만 일용근로는 국민연금과 건강보험의 사업장가입 대상이 아니다(법령이 정한 예외는 그에 따른다).";
        yield return "8. 근로계약서 교부: 갑은 계약을 맺는 즉시 이 계약서를 을에게 교부한다. OneDay 앱에서 언제든 열람하고 PDF로 내려받을 수 있다(근로기준법 제17조).";
        yield return "9. 근로계약, 취업규칙 등의 성실한 이행의무: 갑과 을은 근로계약, 취업규칙, 단체협약을 지키고 성실하게 이행하여야 한다.";
        yield return "10. 기타: 이 계약에 정하지 않은 사항은 근로기준법령에 따른다.";
    }

    private static string Duration(int minutes) => minutes % 60 == 0 ? $"{minutes / 60}시간" : $"{minutes / 60}시간 {minutes % 60}분";
}
