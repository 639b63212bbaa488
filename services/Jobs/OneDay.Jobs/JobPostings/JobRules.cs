using OneDay.Contracts;

namespace OneDay.Jobs.JobPostings;

/// <summary>The rules a job's terms must meet beyond their shape; each refusal names the field it concerns.</summary>
public static class JobRules
{
    /// <summary>How far ahead a day job may be posted: same-day work is planned in days and weeks, not years.</summary>
    public const int MaxDaysAhead = 90;

    public static Dictionary<string, string[]> Check(JobTerms terms, DateTimeOffset now, MinimumWageOptions minimumWage)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Enum.IsDefined(terms.WageUnit)) errors["wageUnit"] = ["임금 단위는 Hourly 또는 Daily여야 합니다."];
        if (!Enum.IsDefined(terms.MatchingMode)) errors["matchingMode"] = ["채용 방식은 Review 또는 Instant여야 합니다."];
        if (terms.StartTime == terms.EndTime) errors["endTime"] = ["종료 시간은 시작 시간과 달라야 합니다."];
        else if (terms.BreakMinutes >= terms.Duration.TotalMinutes) errors["breakMinutes"] = ["휴게 시간은 근무 시간보다 짧아야 합니다."];
        if (terms.WorkDate < KoreanTime.DateOf(now))
        {
            errors["workDate"] = ["근무일은 오늘 이후여야 합니다."];
        }
        else if (terms.WorkDate > KoreanTime.DateOf(now).AddDays(MaxDaysAhead))
        {
            errors["workDate"] = [$"근무일은 {MaxDaysAhead}일 이내여야 합니다."];
        }
        else if (KoreanTime.At(terms.WorkDate, terms.StartTime) <= now)
        {
            errors["startTime"] = ["시작 시간이 이미 지났습니다."];
        }
        if (terms.WageUnit == WageUnit.Hourly && terms.WageKrw < minimumWage.HourlyKrw)
        {
            errors["wageKrw"] = [$"시급은 최저임금({minimumWage.HourlyKrw:N0}원) 이상이어야 합니다."];
        }
        else if (terms.WageUnit == WageUnit.Daily && terms.StartTime != terms.EndTime
                 && terms.WageKrw * 60 < minimumWage.HourlyKrw * ((long)terms.Duration.TotalMinutes - terms.BreakMinutes))
        {
            errors["wageKrw"] = [$"일급을 근무 시간으로 나눈 금액이 최저임금({minimumWage.HourlyKrw:N0}원) 이상이어야 합니다."];
        }
        return errors;
    }
}
