namespace OneDay.Web.Places;

/// <summary>A place a worker names to search near: where it is, and the other names people call it by.</summary>
public sealed record Place(string Name, double Latitude, double Longitude, IReadOnlyList<string> Aliases);

/// <summary>
/// The places a worker may search near by name ("강남", "홍대입구역"): the stations and districts where day work
/// gathers, with their positions (docs/korean-places.md says where they come from). A small table the client
/// carries, so no request leaves for an outside geocoder; a name it does not know is said so, never guessed.
/// </summary>
public static class KoreanPlaces
{
    public static readonly IReadOnlyList<Place> All =
    [
        // Seoul, south of the river
        new("강남역", 37.4979, 127.0276, ["강남"]),
        new("역삼역", 37.5006, 127.0364, ["역삼", "역삼동"]),
        new("선릉역", 37.5045, 127.0490, ["선릉"]),
        new("삼성역", 37.5088, 127.0631, ["삼성", "코엑스"]),
        new("교대역", 37.4934, 127.0140, ["교대"]),
        new("신사역", 37.5163, 127.0203, ["신사", "가로수길"]),
        new("압구정역", 37.5270, 127.0284, ["압구정"]),
        new("고속터미널역", 37.5049, 127.0049, ["고속터미널", "고터"]),
        new("사당역", 37.4765, 126.9816, ["사당"]),
        new("잠실역", 37.5133, 127.1001, ["잠실", "롯데월드"]),
        new("문정역", 37.4858, 127.1225, ["문정", "문정동"]),
        new("천호역", 37.5386, 127.1236, ["천호"]),
        new("여의도역", 37.5216, 126.9242, ["여의도"]),
        new("영등포역", 37.5159, 126.9075, ["영등포"]),
        new("신림역", 37.4842, 126.9297, ["신림"]),
        new("서울대입구역", 37.4812, 126.9527, ["서울대입구", "샤로수길"]),
        new("구로디지털단지역", 37.4852, 126.9015, ["구로디지털단지", "구디", "구로"]),
        new("가산디지털단지역", 37.4816, 126.8827, ["가산디지털단지", "가디", "가산"]),
        new("마곡역", 37.5602, 126.8254, ["마곡"]),
        new("김포공항역", 37.5624, 126.8013, ["김포공항"]),
        // Seoul, north of the river
        new("서울역", 37.5547, 126.9707, ["서울"]),
        new("시청역", 37.5657, 126.9772, ["시청"]),
        new("광화문역", 37.5710, 126.9768, ["광화문"]),
        new("종로3가역", 37.5714, 126.9918, ["종로3가", "종로"]),
        new("명동역", 37.5609, 126.9863, ["명동"]),
        new("을지로입구역", 37.5660, 126.9826, ["을지로입구", "을지로"]),
        new("동대문역사문화공원역", 37.5656, 127.0079, ["동대문역사문화공원", "동대문", "DDP"]),
        new("용산역", 37.5298, 126.9648, ["용산"]),
        new("이태원역", 37.5345, 126.9943, ["이태원"]),
        new("공덕역", 37.5443, 126.9516, ["공덕"]),
        new("홍대입구역", 37.5572, 126.9245, ["홍대입구", "홍대"]),
        new("합정역", 37.5495, 126.9139, ["합정"]),
        new("신촌역", 37.5552, 126.9368, ["신촌"]),
        new("왕십리역", 37.5612, 127.0371, ["왕십리"]),
        new("성수역", 37.5446, 127.0559, ["성수", "성수동"]),
        new("건대입구역", 37.5404, 127.0702, ["건대입구", "건대"]),
        new("수유역", 37.6380, 127.0257, ["수유"]),
        new("노원역", 37.6551, 127.0613, ["노원"]),
        // Around Seoul and the other cities
        new("판교역", 37.3948, 127.1112, ["판교"]),
        new("수원역", 37.2664, 126.9999, ["수원"]),
        new("부천역", 37.4841, 126.7826, ["부천"]),
        new("부평역", 37.4895, 126.7245, ["부평"]),
        new("인천터미널역", 37.4425, 126.6997, ["인천터미널", "인천"]),
        new("인천공항1터미널역", 37.4473, 126.4524, ["인천공항"]),
        new("평택역", 36.9909, 127.0857, ["평택"]),
        new("대전역", 36.3324, 127.4342, ["대전"]),
        new("동대구역", 35.8794, 128.6285, ["동대구", "대구"]),
        new("광주송정역", 35.1378, 126.7926, ["광주송정", "광주"]),
        new("부산역", 35.1152, 129.0422, ["부산"]),
        new("서면역", 35.1579, 129.0592, ["서면"]),
        new("해운대역", 35.1631, 129.1589, ["해운대"]),
    ];

    private static readonly Dictionary<string, Place> ByKey = All
        .SelectMany(place => place.Aliases.Prepend(place.Name).Select(Key).Distinct(StringComparer.OrdinalIgnoreCase).Select(key => (Key: key, Place: place)))
        .ToDictionary(entry => entry.Key, entry => entry.Place, StringComparer.OrdinalIgnoreCase);

    /// <summary>The place a worker named, however they spaced it and with or without 역 ("강남 역", "강남"), or null.</summary>
    public static Place? Find(string name) => ByKey.GetValueOrDefault(Key(name));

    // "강남역" and "강남" are the same place to someone looking for work; spaces never matter.
    private static string Key(string name)
    {
        var compact = string.Concat(name.Where(c => !char.IsWhiteSpace(c)));
        return compact.Length > 1 && compact.EndsWith('역') ? compact[..^1] : compact;
    }
}
