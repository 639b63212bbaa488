using System.Text;

namespace OneDay.Chat.Messages;

/// <summary>What a message's text may be: trimmed, without control characters (line breaks kept), 1–2,000 characters.</summary>
public static class MessageText
{
    public const int MaxLength = 2_000;

    public static bool TryNormalize(string? raw, out string text, out string error)
    {
        text = "";
        var cleaned = new StringBuilder(raw?.Length ?? 0);
        foreach (var c in (raw ?? "").Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            if (c == '\n' || !char.IsControl(c)) cleaned.Append(c);
        }
        var trimmed = cleaned.ToString().Trim();
        if (trimmed.Length == 0)
        {
            error = "메시지 내용을 입력해 주세요.";
            return false;
        }
        if (trimmed.Length > MaxLength)
        {
            error = $"메시지는 {MaxLength:N0}자까지 보낼 수 있습니다.";
            return false;
        }
        text = trimmed;
        error = "";
        return true;
    }
}
