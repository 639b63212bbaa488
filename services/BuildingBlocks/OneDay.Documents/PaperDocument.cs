using System.Security.Cryptography;
using System.Text;

namespace OneDay.Documents;

/// <summary>
/// A document handed to people (a labour contract, a pay slip) as plain lines of text. <see cref="Text"/> is the
/// exact text both the screen and the PDF show, and what <see cref="Sha256"/> is taken of: a signature on the
/// hash binds the signer to these words, whatever the PDF's bytes (fonts, timestamps) happen to be.
/// </summary>
public sealed record PaperDocument(string Title, IReadOnlyList<string> Lines)
{
    public string Text => Title + "\n\n" + string.Join('\n', Lines);

    /// <summary>The SHA-256 of <see cref="Text"/> in UTF-8, as lower-case hex.</summary>
    public string Sha256 => HashOf(Text);

    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Reads a document back from its <see cref="Text"/> (a stored, signed text is rendered as it was signed).</summary>
    public static PaperDocument FromText(string text)
    {
        var parts = text.Split("\n\n", 2);
        return new PaperDocument(parts[0], parts.Length > 1 ? parts[1].Split('\n') : []);
    }
}
