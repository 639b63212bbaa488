using System.Globalization;
using System.Text.RegularExpressions;

namespace OneDay.DaprEmulator.Configuration;

/// <summary>
/// A size as daprd's --max-body-size takes it: a Kubernetes resource quantity ("4Mi", "10M", "4194304"),
/// read in whole bytes (dapr cmd/daprd/options/options.go getQuantityBytes).
/// </summary>
public static partial class ByteQuantity
{
    [GeneratedRegex(@"^(?<num>\d+(\.\d+)?)(?<unit>Ki|Mi|Gi|k|M|G)?$")]
    private static partial Regex Pattern();

    public static int Parse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success) throw new FormatException($"'{text}' is not a size such as 4Mi, 10M or 4194304");
        var factor = match.Groups["unit"].Value switch
        {
            "Ki" => 1L << 10,
            "Mi" => 1L << 20,
            "Gi" => 1L << 30,
            "k" => 1_000L,
            "M" => 1_000_000L,
            "G" => 1_000_000_000L,
            _ => 1L,
        };
        var bytes = decimal.Parse(match.Groups["num"].Value, CultureInfo.InvariantCulture) * factor;
        return bytes <= int.MaxValue ? (int)Math.Ceiling(bytes) : throw new FormatException($"'{text}' is larger than 2Gi");
    }
}
