using OneDay.Contracts.Jobs;

namespace OneDay.Search.Tests;

/// <summary>
/// A fixture of realistic day jobs across Korea, the same every run: titles and descriptions people
/// post, places with their real coordinates, wages around the minimum.
/// </summary>
public static class KoreanJobs
{
    public sealed record Place(string Name, double Latitude, double Longitude);

    public static readonly Place Gangnam = new("서울 강남구 강남역", 37.4979, 127.0276);
    public static readonly Place Hongdae = new("서울 마포구 홍대입구", 37.5572, 126.9245);
    public static readonly Place Jamsil = new("서울 송파구 잠실", 37.5133, 127.1001);
    public static readonly Place Icheon = new("경기 이천시 물류단지", 37.2720, 127.4350);
    public static readonly Place Busan = new("부산 해운대구", 35.1631, 129.1635);

    private static readonly (string Title, string Description, string Category)[] Kinds =
    [
        ("물류센터 상하차", "택배 물류센터에서 상하차 업무를 합니다. 힘쓰는 일이 있습니다.", "물류/상하차"),
        ("쿠팡 물류 분류", "물품 분류와 바코드 스캔 작업입니다.", "물류/상하차"),
        ("강남 카페 서빙", "카페에서 음료 서빙과 정리를 도와주세요.", "식음료/서빙"),
        ("웨딩홀 서빙 알바", "주말 웨딩홀 연회 서빙입니다. 검은 구두 필수.", "식음료/서빙"),
        ("행사 스태프 모집", "콘서트 행사장 안내와 입장 관리", "행사/스태프"),
        ("편의점 야간 근무", "편의점 진열과 계산, 야간 근무입니다.", "편의점/매장"),
        ("이사 보조 인력", "가정 이사 짐 운반을 돕습니다.", "이사"),
        ("사무실 청소", "퇴근 후 사무실 청소, 분리수거 포함", "청소"),
    ];

    private static readonly Place[] Places = [Gangnam, Hongdae, Jamsil, Icheon, Busan];

    public static IReadOnlyList<JobSnapshot> All { get; } = Build();

    private static List<JobSnapshot> Build()
    {
        var jobs = new List<JobSnapshot>();
        var start = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(9));
        for (var i = 0; i < 200; i++)
        {
            var (title, description, category) = Kinds[i % Kinds.Length];
            var place = Places[i / Kinds.Length % Places.Length];
            // Spread each place's jobs over a few hundred metres, deterministically.
            var latitude = place.Latitude + (i % 7 - 3) * 0.001;
            var longitude = place.Longitude + (i % 5 - 2) * 0.001;
            var posted = start.AddDays(-10).AddMinutes(i * 7);
            jobs.Add(new JobSnapshot(
                Guid.Parse($"00000000-0000-4000-8000-{i:D12}"), 1, Guid.Parse($"00000000-0000-4000-9000-{i % 10:D12}"),
                $"{title} {i}", description, category, 10_320 + i % 20 * 500, place.Name, latitude, longitude,
                start.AddDays(i % 14), start.AddDays(i % 14).AddHours(8), 1 + i % 5, 0, "Open", posted, posted)
            {
                WageUnit = i % 3 == 0 ? "Daily" : "Hourly",
            });
        }
        return jobs;
    }
}
