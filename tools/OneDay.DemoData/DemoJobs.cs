using System.Net.Http.Json;
using System.Text.Json;

namespace OneDay.DemoData;

/// <summary>Jobs across Seoul for the demo employer: the kinds of day work OneDay is for, in the places it happens.</summary>
internal static class DemoJobs
{
    private sealed record DemoJob(string Title, string Category, long WageKrw, string WageUnit, int StartHour, int Hours, string Address, double Latitude, double Longitude, string MatchingMode);

    private static readonly DemoJob[] Jobs =
    [
        new("강남 물류센터 택배 상하차", "물류/상하차", 150_000, "Daily", 8, 8, "서울특별시 강남구 강남대로 396", 37.4979, 127.0276, "Review"),
        new("홍대 카페 주말 서빙", "식음료/서빙", 12_000, "Hourly", 11, 6, "서울특별시 마포구 양화로 160", 37.5572, 126.9245, "Instant"),
        new("여의도 컨벤션 행사 스태프", "행사/스태프", 130_000, "Daily", 9, 8, "서울특별시 영등포구 국제금융로 10", 37.5259, 126.9246, "Review"),
        new("잠실 야구장 매점 판매", "편의점/매장", 11_500, "Hourly", 17, 5, "서울특별시 송파구 올림픽로 25", 37.5122, 127.0719, "Instant"),
        new("성수동 팝업스토어 정리 청소", "청소", 110_000, "Daily", 7, 7, "서울특별시 성동구 연무장길 20", 37.5445, 127.0557, "Review"),
        new("종로 한식당 주방 보조", "주방", 12_500, "Hourly", 10, 8, "서울특별시 종로구 종로 33", 37.5704, 126.9831, "Review"),
        new("구로 디지털단지 사무실 이사", "이사", 160_000, "Daily", 8, 9, "서울특별시 구로구 디지털로 300", 37.4846, 126.8970, "Instant"),
        new("마곡 연구단지 사무보조 (문서 정리)", "사무보조", 11_000, "Hourly", 9, 8, "서울특별시 강서구 마곡중앙로 161", 37.5600, 126.8250, "Review"),
    ];

    /// <summary>Posts the jobs for tomorrow in Korea unless the employer already has open jobs; returns how many it posted.</summary>
    public static async Task<int> PostAsync(DemoClient employer, TimeProvider time, CancellationToken cancellationToken)
    {
        var mine = await employer.Http.GetFromJsonAsync<JsonElement>("/jobs?mine=true&status=Open&limit=1", cancellationToken);
        if (mine.GetProperty("items").GetArrayLength() > 0) return 0;
        var tomorrow = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).DateTime).AddDays(1);
        foreach (var job in Jobs)
        {
            var start = new TimeOnly(job.StartHour, 0);
            using var posted = await employer.Http.PostAsJsonAsync("/jobs", new
            {
                title = job.Title,
                description = $"{job.Title}. 원데이 데모 공고입니다. 근무 당일 현장 담당자에게 도착을 알려 주세요.",
                category = job.Category,
                wageKrw = job.WageKrw,
                wageUnit = job.WageUnit,
                workDate = tomorrow,
                startTime = start,
                endTime = start.AddHours(job.Hours),
                headcount = 3,
                address = job.Address,
                latitude = job.Latitude,
                longitude = job.Longitude,
                matchingMode = job.MatchingMode,
            }, cancellationToken);
            await DemoClient.EnsureAsync(posted, $"posting '{job.Title}'", cancellationToken);
        }
        return Jobs.Length;
    }
}
