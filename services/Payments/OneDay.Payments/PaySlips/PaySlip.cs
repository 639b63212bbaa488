using System.Globalization;
using OneDay.Contracts;
using OneDay.Documents;
using OneDay.Payments.Payroll;
using OneDay.Payments.Fees;
using OneDay.Payments.Statements;
using OneDay.Payments.WagePayments;

namespace OneDay.Payments.PaySlips;

/// <summary>
/// The wage statement (임금명세서) of one settlement, as 근로기준법 §48② asks (docs/wage-statement.md): who was paid
/// and by whom, the pay date, the wage in its parts with the minutes they were computed from, each deduction and the
/// net. Every figure is the settled payment's own, the ones its ledger journal posted: it is drawn, never stored apart.
/// </summary>
public sealed record PaySlip(
    Guid PaymentId, Guid SettlementId, Guid ApplicationId, Guid WorkerId, Guid PayerId, DateTimeOffset PaidAt, PayableKind Kind,
    string WageUnit, long WageRateKrw, int MinutesWorked, int OvertimeMinutes, bool OvertimePremiumOwed,
    long PlainWageKrw, long OvertimePremiumKrw, long GrossWageKrw, long IncomeTaxKrw, long LocalIncomeTaxKrw, long NetPayKrw)
{
    public const string Title = "임금명세서";

    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko-KR");

    public long TotalDeductionsKrw => IncomeTaxKrw + LocalIncomeTaxKrw;

    public static PaySlip Of(Payment payment, Settlement settlement, OwedWage owed)
    {
        var parts = PayCalculator.Components(owed.Basis());
        // The payment's gross is what was charged and posted; the premium is its part above the plain rate.
        var plain = Math.Min(parts.PlainWageKrw, payment.GrossWageKrw);
        return new PaySlip(
            payment.Id, settlement.Id, payment.ApplicationId, payment.WorkerId, payment.EmployerId, settlement.CreatedAt, owed.Kind,
            owed.WageUnit, owed.WageKrw, owed.MinutesWorked, parts.OvertimeMinutes, owed.OwesOvertimePremium,
            plain, payment.GrossWageKrw - plain, payment.GrossWageKrw, payment.IncomeTaxKrw, payment.LocalIncomeTaxKrw, settlement.NetAmountKrw);
    }

    public PaperDocument Document()
    {
        var hourly = WageUnit == OwedWage.Hourly;
        var cancelled = Kind == PayableKind.LateCancellation;
        List<string> lines =
        [
            $"근로자: OneDay 회원번호 {WorkerId}",
            $"지급자(사업주): OneDay 회원번호 {PayerId}",
            $"임금지급일: {PaidAt.ToOffset(KoreanTime.Offset).ToString("yyyy년 M월 d일 HH:mm", Korean)} (한국 시간)",
            cancelled
                ? $"지급 사유: 지원번호 {ApplicationId}의 근무를 사업주가 시작 직전에 취소함"
                : $"근로 내역: 지원번호 {ApplicationId}, 근로시간 {Minutes(MinutesWorked)}" + (OvertimeMinutes > 0 ? $" (그중 하루 8시간을 넘은 연장근로 {Minutes(OvertimeMinutes)})" : ""),
            "",
            "[지급 내역]",
            cancelled
                ? $"취소 보상금: {Won(PlainWageKrw)} (예정 임금의 일부, 근무 시작 전 취소)"
                : hourly
                ? $"기본급: {Won(PlainWageKrw)} (시간급 {Won(WageRateKrw)} × {MinutesWorked}분 ÷ 60, 원 미만 버림)"
                : $"기본급: {Won(PlainWageKrw)} (일급)",
            OvertimePremiumKrw > 0
                ? $"연장근로수당(가산분): {Won(OvertimePremiumKrw)} (시간급 {Won(WageRateKrw)} × 연장 {OvertimeMinutes}분 ÷ 60 × 50%, 원 미만 버림)"
                : $"연장근로수당(가산분): {Won(0)}" + (hourly && OvertimeMinutes > 0 && !OvertimePremiumOwed ? " (가산임금 적용 대상이 아닌 사업장)" : ""),
            $"임금 총액: {Won(GrossWageKrw)}",
            "",
            "[공제 내역]",
            $"소득세: {Won(IncomeTaxKrw)} (일용근로소득: (일급 − 150,000원) × 6% × (1 − 55% 세액공제), 1,000원 미만은 징수하지 않음)",
            $"지방소득세: {Won(LocalIncomeTaxKrw)} (소득세의 10%)",
            $"공제 총액: {Won(TotalDeductionsKrw)}",
            "",
            $"실지급액: {Won(NetPayKrw)} (OneDay 지갑으로 지급)",
        ];
        return new PaperDocument(Title, lines);
    }

    private static string Won(long krw) => krw.ToString("N0", Korean) + "원";

    private static string Minutes(int minutes) => minutes % 60 == 0 ? $"{minutes / 60}시간" : $"{minutes / 60}시간 {minutes % 60}분";
}
