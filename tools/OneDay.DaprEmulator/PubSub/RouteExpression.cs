using System.Globalization;
using System.Text.Json.Nodes;

namespace OneDay.DaprEmulator.PubSub;

/// <summary>
/// The part of CEL that routing rules use (dapr pkg/runtime/subscription, evaluated against
/// {"event": cloudEvent}): member access on `event` (event.type, event.data.kind …), string, number
/// and boolean literals, == and !=, &amp;&amp;, ||, ! and parentheses. A rule outside this subset is
/// rejected when the subscription is loaded, as daprd rejects a rule whose CEL does not compile.
/// </summary>
public sealed class RouteExpression
{
    private readonly Func<JsonObject, bool> _evaluate;

    private RouteExpression(Func<JsonObject, bool> evaluate) => _evaluate = evaluate;

    public bool Matches(JsonObject cloudEvent) => _evaluate(cloudEvent);

    public static RouteExpression Parse(string text)
    {
        var parser = new Parser(Tokenize(text), text);
        var expression = parser.ParseOr();
        parser.ExpectEnd();
        return new RouteExpression(e => expression(e) is true);
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '"' or '\'')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0) throw new FormatException($"unterminated string in '{text}'");
                tokens.Add(text[i..(end + 1)]);
                i = end + 1;
                continue;
            }
            var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
            if (two is "==" or "!=" or "&&" or "||") { tokens.Add(two); i += 2; continue; }
            if (c is '(' or ')' or '!') { tokens.Add(c.ToString()); i++; continue; }
            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '.' or '_' or '-')) i++;
            if (start == i) throw new FormatException($"unexpected '{c}' in '{text}'");
            tokens.Add(text[start..i]);
        }
        return tokens;
    }

    private sealed class Parser(List<string> tokens, string text)
    {
        private int _position;

        private string? Peek => _position < tokens.Count ? tokens[_position] : null;

        public void ExpectEnd()
        {
            if (Peek is not null) throw new FormatException($"unexpected '{Peek}' in '{text}'");
        }

        public Func<JsonObject, object?> ParseOr()
        {
            var left = ParseAnd();
            while (Peek == "||")
            {
                _position++;
                var l = left;
                var r = ParseAnd();
                left = e => l(e) is true || r(e) is true;
            }
            return left;
        }

        private Func<JsonObject, object?> ParseAnd()
        {
            var left = ParseUnary();
            while (Peek == "&&")
            {
                _position++;
                var l = left;
                var r = ParseUnary();
                left = e => l(e) is true && r(e) is true;
            }
            return left;
        }

        private Func<JsonObject, object?> ParseUnary()
        {
            if (Peek == "!")
            {
                _position++;
                var inner = ParseUnary();
                return e => inner(e) is not true;
            }
            var left = ParseOperand();
            if (Peek is "==" or "!=")
            {
                var equal = tokens[_position++] == "==";
                var right = ParseOperand();
                return e => Equals(left(e), right(e)) == equal;
            }
            return left;
        }

        private Func<JsonObject, object?> ParseOperand()
        {
            var token = Peek ?? throw new FormatException($"incomplete expression '{text}'");
            _position++;
            if (token == "(")
            {
                var inner = ParseOr();
                if (Peek != ")") throw new FormatException($"missing ')' in '{text}'");
                _position++;
                return inner;
            }
            if (token[0] is '"' or '\'') { var s = token[1..^1]; return _ => s; }
            if (token is "true" or "false") { var b = token == "true"; return _ => b; }
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return _ => number;
            var path = token.Split('.');
            if (path[0] != "event") throw new FormatException($"unknown identifier '{token}' in '{text}'");
            return e => Resolve(e, path);
        }

        private static object? Resolve(JsonObject cloudEvent, string[] path)
        {
            JsonNode? node = cloudEvent;
            foreach (var member in path.Skip(1))
            {
                node = node is JsonObject o && o.TryGetPropertyValue(member, out var child) ? child : null;
                if (node is null) return null;
            }
            return node switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonValue v when v.TryGetValue<bool>(out var b) => b,
                JsonValue v when v.TryGetValue<double>(out var d) => d,
                _ => node?.ToJsonString(),
            };
        }
    }
}
