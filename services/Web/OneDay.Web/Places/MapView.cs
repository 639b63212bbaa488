using System.Globalization;

namespace OneDay.Web.Places;

/// <summary>One tile of the map: its address at the tile server, and where it lies in the frame (percent of the frame).</summary>
public sealed record MapTile(string Url, double LeftPercent, double TopPercent);

/// <summary>A point on the map (percent of the frame from its left and top).</summary>
public sealed record MapPoint(double LeftPercent, double TopPercent);

/// <summary>
/// A still map drawn by the server, no script: the Web Mercator ("slippy map") tiles of a configured tile server
/// laid in a frame of <see cref="Width"/> × <see cref="Height"/> pixels centred on the search's place, at the
/// largest zoom that keeps every job inside it. Positions are percentages, so the frame scales with the screen.
/// </summary>
public sealed class MapView
{
    public const int Width = 512;
    public const int Height = 384;
    private const int TileSize = 256;
    // Markers are kept this far inside the frame's edge, so a pin is never cut in half.
    private const double Margin = 24;
    private const int MinZoom = 3;
    private const int MaxZoom = 16;

    private readonly double centreX;
    private readonly double centreY;

    private MapView(int zoom, double centreX, double centreY, IReadOnlyList<MapTile> tiles)
    {
        Zoom = zoom;
        this.centreX = centreX;
        this.centreY = centreY;
        Tiles = tiles;
    }

    public int Zoom { get; }

    public IReadOnlyList<MapTile> Tiles { get; }

    /// <summary>
    /// The map around (<paramref name="latitude"/>, <paramref name="longitude"/>) showing <paramref name="points"/>;
    /// <paramref name="tileUrl"/> holds {z}, {x} and {y}, as tile servers' addresses do.
    /// </summary>
    public static MapView Around(double latitude, double longitude, IEnumerable<(double Latitude, double Longitude)> points, string tileUrl)
    {
        var (x0, y0) = WorldPixel(latitude, longitude, 0);
        // The farthest point from the centre, in zoom-0 pixels, on each axis.
        var (reachX, reachY) = points.Aggregate((X: 0.0, Y: 0.0), (reach, point) =>
        {
            var (x, y) = WorldPixel(point.Latitude, point.Longitude, 0);
            return (Math.Max(reach.X, Math.Abs(x - x0)), Math.Max(reach.Y, Math.Abs(y - y0)));
        });
        var zoom = MaxZoom;
        while (zoom > MinZoom && (reachX * (1 << zoom) > Width / 2.0 - Margin || reachY * (1 << zoom) > Height / 2.0 - Margin)) zoom--;

        var scale = 1 << zoom;
        var (centreX, centreY) = (x0 * scale, y0 * scale);
        var (left, top) = (centreX - Width / 2.0, centreY - Height / 2.0);
        var tiles = new List<MapTile>();
        for (var ty = (int)Math.Floor(top / TileSize); ty * TileSize < top + Height; ty++)
        {
            if (ty < 0 || ty >= scale) continue;
            for (var tx = (int)Math.Floor(left / TileSize); tx * TileSize < left + Width; tx++)
            {
                // Past the antimeridian the world repeats.
                var wrapped = ((tx % scale) + scale) % scale;
                var url = tileUrl.Replace("{z}", zoom.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{x}", wrapped.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{y}", ty.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                tiles.Add(new MapTile(url, Percent(tx * TileSize - left, Width), Percent(ty * TileSize - top, Height)));
            }
        }
        return new MapView(zoom, centreX, centreY, tiles);
    }

    /// <summary>A tile's size as a percentage of the frame's width and height.</summary>
    public static double TileWidthPercent => Percent(TileSize, Width);

    public static double TileHeightPercent => Percent(TileSize, Height);

    /// <summary>Where a place lies in the frame.</summary>
    public MapPoint PointOf(double latitude, double longitude)
    {
        var (x, y) = WorldPixel(latitude, longitude, Zoom);
        return new MapPoint(Percent(x - centreX + Width / 2.0, Width), Percent(y - centreY + Height / 2.0, Height));
    }

    /// <summary>A percentage as CSS reads it, whatever the server's culture.</summary>
    public static string Css(double percent) => percent.ToString(CultureInfo.InvariantCulture) + "%";

    private static double Percent(double pixels, double of) => Math.Round(pixels / of * 100, 3);

    /// <summary>Web Mercator: a position's pixel in the world image at <paramref name="zoom"/> (256 × 2^zoom pixels square).</summary>
    private static (double X, double Y) WorldPixel(double latitude, double longitude, int zoom)
    {
        var size = TileSize * (double)(1 << zoom);
        var sin = Math.Sin(Math.Clamp(latitude, -85.0511, 85.0511) * Math.PI / 180);
        return ((longitude + 180) / 360 * size, (0.5 - Math.Log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size);
    }
}
