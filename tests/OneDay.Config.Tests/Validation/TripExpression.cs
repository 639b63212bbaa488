namespace OneDay.Config.Tests.Validation;

/// <summary>
/// Checks a circuit breaker's <c>trip</c>: a CEL expression that dapr (pkg/resiliency/breaker) evaluates
/// over the breaker's counts and that trips only when it yields a boolean true. This covers the CEL
/// subset such a condition uses: integer arithmetic, comparisons, !, &amp;&amp;, || and parentheses.
/// </summary>
internal sealed class TripExpression
{
    private static readonly string[] Counts = ["requests", "totalSuccesses", "totalFailures", "consecutiveSuccesses", "consecutiveFailures"];
    private static readonly string[] Comparisons = ["==", "!=", ">=", "<=", ">", "<"];
    private static readonly string[] Symbols = ["&&", "||", "==", "!=", ">=", "<=", ">", "<", "!", "+", "-", "*", "/", "%", "(", ")"];

    private enum Kind { Number, Condition }

    private readonly List<string> _tokens;
    private int _next;

    private TripExpression(List<string> tokens) => _tokens = tokens;

    /// <summary>Null when the expression is a valid boolean condition, otherwise why not.</summary>
    public static string? Problem(string expression)
    {
        try
        {
            var parser = new TripExpression(Tokenize(expression));
            var kind = parser.Or();
            if (parser._next < parser._tokens.Count)
                return $"unexpected '{parser._tokens[parser._next]}'";
            return kind == Kind.Condition ? null : "the expression is a number, not a condition";
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiLetter(text[i]) || text[i] == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                    i++;
            }
            else if (char.IsAsciiDigit(text[i]))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                    i++;
            }
            else
            {
                var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0)
                    ?? throw new FormatException($"unexpected character '{text[i]}'");
                i += symbol.Length;
            }

            tokens.Add(text[start..i]);
        }

        return tokens;
    }

    private Kind Or() => Chain(And, Kind.Condition, "||");

    private Kind And() => Chain(Relation, Kind.Condition, "&&");

    private Kind Relation()
    {
        var left = Sum();
        if (!Accept(Comparisons, out var op))
            return left;
        var right = Sum();
        if (left != right || (left == Kind.Condition && op is not ("==" or "!=")))
            throw new FormatException($"'{op}' cannot compare {Describe(left)} with {Describe(right)}");
        return Kind.Condition;
    }

    private Kind Sum() => Chain(Product, Kind.Number, "+", "-");

    private Kind Product() => Chain(Unary, Kind.Number, "*", "/", "%");

    private Kind Unary()
    {
        if (Accept(["!"], out _))
            return Expect(Unary(), Kind.Condition, "!");
        if (Accept(["-"], out _))
            return Expect(Unary(), Kind.Number, "-");
        return Primary();
    }

    private Kind Primary()
    {
        var token = _next < _tokens.Count ? _tokens[_next++] : throw new FormatException("the expression ends too early");
        if (token == "(")
        {
            var kind = Or();
            if (!Accept([")"], out _))
                throw new FormatException("a ')' is missing");
            return kind;
        }

        if (token is "true" or "false")
            return Kind.Condition;
        if (char.IsAsciiDigit(token[0]))
            return Kind.Number;
        if (Counts.Contains(token, StringComparer.Ordinal))
            return Kind.Number;
        throw new FormatException($"'{token}' is not one of {string.Join(", ", Counts)}");
    }

    private Kind Chain(Func<Kind> operand, Kind operandKind, params string[] operators)
    {
        var kind = operand();
        while (Accept(operators, out var op))
        {
            Expect(kind, operandKind, op);
            kind = Expect(operand(), operandKind, op);
        }

        return kind;
    }

    private static Kind Expect(Kind actual, Kind expected, string op) =>
        actual == expected ? actual : throw new FormatException($"'{op}' needs {Describe(expected)}, not {Describe(actual)}");

    private static string Describe(Kind kind) => kind == Kind.Number ? "a number" : "a condition";

    private bool Accept(string[] operators, out string accepted)
    {
        accepted = _next < _tokens.Count ? _tokens[_next] : "";
        if (!operators.Contains(accepted, StringComparer.Ordinal))
            return false;
        _next++;
        return true;
    }
}
