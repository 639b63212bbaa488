using System.ComponentModel.DataAnnotations;
using OneDay.Web.Places;

namespace OneDay.Web.Tests;

/// <summary>Searching near a named place, and the still map drawn beside the list where a tile server is configured.</summary>
public sealed class PlacesAndMapTests
{
    [Theory]
    [InlineData("강남", "강남역")]
    [InlineData("강남역", "강남역")]
    [InlineData(" 강남 역 ", "강남역")]
    [InlineData("홍대", "홍대입구역")]
    [InlineData("서울역", "서울역")]
    public void A_place_is_found_by_the_names_people_call_it(string typed, string found) =>
        Assert.Equal(found, KoreanPlaces.Find(typed)?.Name);

    [Fact]
    public void A_place_the_table_does_not_hold_is_not_guessed() =>
        Assert.Null(KoreanPlaces.Find("없는동네"));

    [Fact]
    public void The_map_is_centred_on_the_place_and_holds_every_job_with_east_to_the_right_and_north_up()
    {
        var gangnam = KoreanPlaces.Find("강남")!;
        var jamsil = KoreanPlaces.Find("잠실")!;
        var sinsa = KoreanPlaces.Find("신사")!;

        var map = MapView.Around(gangnam.Latitude, gangnam.Longitude,
            [(jamsil.Latitude, jamsil.Longitude), (sinsa.Latitude, sinsa.Longitude)], "https://tiles.example/{z}/{x}/{y}.png");

        Assert.Equal(new MapPoint(50, 50), map.PointOf(gangnam.Latitude, gangnam.Longitude));
        var east = map.PointOf(jamsil.Latitude, jamsil.Longitude);
        var north = map.PointOf(sinsa.Latitude, sinsa.Longitude);
        Assert.InRange(east.LeftPercent, 50.0, 100.0);
        Assert.InRange(north.TopPercent, 0.0, 50.0);
        // The largest zoom that still holds 잠실, some 7 km east: one more and it would fall off the frame.
        Assert.Equal(12, map.Zoom);
        Assert.All(map.Tiles, tile => Assert.StartsWith("https://tiles.example/12/", tile.Url, StringComparison.Ordinal));
        // The tiles cover the frame: one starts at or left of its left edge and one at or above its top.
        Assert.Contains(map.Tiles, tile => tile.LeftPercent <= 0 && tile.TopPercent <= 0);
    }

    [Theory]
    [InlineData("https://tiles.example/{z}/{x}/{y}.png", true)]
    [InlineData("https://tiles.example/tiles.png", false)]
    [InlineData("file:///tiles/{z}/{x}/{y}.png", false)]
    public void Only_an_http_tile_address_with_its_placeholders_is_taken(string address, bool taken)
    {
        var options = new WebOptions { MapTileUrl = address };

        Assert.Equal(taken, Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }
}
