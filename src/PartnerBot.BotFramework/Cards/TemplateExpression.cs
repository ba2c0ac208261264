using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerBot.BotFramework.Cards;

/// <summary>
/// The subset of Adaptive Expressions that PartnerBot's card templates use: property paths
/// (<c>a.b[0]</c>, <c>$root</c>, <c>$data</c>, <c>$index</c>), string/number/boolean/null literals,
/// <c>! == != &lt; &lt;= &gt; &gt;= &amp;&amp; || +</c>, and the functions count, length, empty, not, if, join,
/// concat, string. Anything else is a <see cref="CardTemplateException"/>, not a silent blank.
/// </summary>
public sealed class TemplateExpression
{
    private readonly string _text;
    private int _position;

    private TemplateExpression(string text) => _text = text;

    public static JsonNode? Evaluate(string expression, TemplateScope scope)
    {
        var parser = new TemplateExpression(expression);
        var node = parser.ParseOr(scope);
        parser.SkipSpace();
        if (parser._position != expression.Length) throw parser.Error("unexpected text");
        return node;
    }

    public static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => Number(v) != 0,
        _ => true,
    };

    public static string ToText(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => Number(v).ToString(CultureInfo.InvariantCulture),
        _ => value.ToJsonString(),
    };

    private JsonNode? ParseOr(TemplateScope scope)
    {
        var left = ParseAnd(scope);
        while (Accept("||")) left = Bool(IsTruthy(left) | IsTruthy(ParseAnd(scope)));
        return left;
    }

    private JsonNode? ParseAnd(TemplateScope scope)
    {
        var left = ParseComparison(scope);
        while (Accept("&&")) left = Bool(IsTruthy(left) & IsTruthy(ParseComparison(scope)));
        return left;
    }

    private JsonNode? ParseComparison(TemplateScope scope)
    {
        var left = ParseAdditive(scope);
        foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
        {
            if (!Accept(op)) continue;
            var right = ParseAdditive(scope);
            return op switch
            {
                "==" => Bool(AreEqual(left, right)),
                "!=" => Bool(!AreEqual(left, right)),
                _ => Bool(Compare(op, left, right)),
            };
        }
        return left;
    }

    private JsonNode? ParseAdditive(TemplateScope scope)
    {
        var left = ParseUnary(scope);
        while (Accept("+"))
        {
            var right = ParseUnary(scope);
            left = IsNumber(left) && IsNumber(right)
                ? JsonValue.Create(Number(left!) + Number(right!))
                : JsonValue.Create(ToText(left) + ToText(right));
        }
        return left;
    }

    private JsonNode? ParseUnary(TemplateScope scope) =>
        Accept("!") ? Bool(!IsTruthy(ParseUnary(scope))) : ParsePrimary(scope);

    private JsonNode? ParsePrimary(TemplateScope scope)
    {
        SkipSpace();
        if (_position >= _text.Length) throw Error("expression ends early");
        var c = _text[_position];
        if (Accept("("))
        {
            var inner = ParseOr(scope);
            Expect(")");
            return inner;
        }
        if (c is '\'' or '"') return JsonValue.Create(ReadString(c));
        if (char.IsAsciiDigit(c) || (c == '-' && _position + 1 < _text.Length && char.IsAsciiDigit(_text[_position + 1]))) return ReadNumber();

        var name = ReadIdentifier();
        switch (name)
        {
            case "true": return Bool(true);
            case "false": return Bool(false);
            case "null": return null;
        }
        if (Accept("(")) return CallFunction(name, ReadArguments(scope));
        return ReadPathTail(scope.Resolve(name), scope);
    }

    private JsonNode? ReadPathTail(JsonNode? current, TemplateScope scope)
    {
        while (true)
        {
            if (Accept("."))
            {
                var property = ReadIdentifier();
                current = current is JsonObject o && o.TryGetPropertyValue(property, out var v) ? v : null;
            }
            else if (Accept("["))
            {
                var key = ParseOr(scope);
                Expect("]");
                current = current switch
                {
                    JsonArray a when IsNumber(key) && (int)Number(key!) is var i && i >= 0 && i < a.Count => a[i],
                    JsonObject o when key is JsonValue k && k.TryGetValue<string>(out var s) && o.TryGetPropertyValue(s, out var v) => v,
                    _ => null,
                };
            }
            else
            {
                return current;
            }
        }
    }

    private List<JsonNode?> ReadArguments(TemplateScope scope)
    {
        var arguments = new List<JsonNode?>();
        if (Accept(")")) return arguments;
        do arguments.Add(ParseOr(scope)); while (Accept(","));
        Expect(")");
        return arguments;
    }

    private JsonNode? CallFunction(string name, List<JsonNode?> args)
    {
        JsonNode? Arg(int i) => i < args.Count ? args[i] : throw Error($"{name}() needs {i + 1} argument(s)");
        return name switch
        {
            "count" or "length" => JsonValue.Create(Arg(0) switch
            {
                JsonArray a => a.Count,
                JsonObject o => o.Count,
                null => 0,
                var v => ToText(v).Length,
            }),
            "empty" => Bool(Arg(0) switch { null => true, JsonArray a => a.Count == 0, JsonObject o => o.Count == 0, var v => ToText(v).Length == 0 }),
            "not" => Bool(!IsTruthy(Arg(0))),
            "if" => IsTruthy(Arg(0)) ? Arg(1)?.DeepClone() : Arg(2)?.DeepClone(),
            "join" => JsonValue.Create(string.Join(ToText(Arg(1)), (Arg(0) as JsonArray ?? []).Select(ToText))),
            "concat" => JsonValue.Create(string.Concat(args.Select(ToText))),
            "string" => JsonValue.Create(ToText(Arg(0))),
            _ => throw Error($"unknown function {name}()"),
        };
    }

    /// <summary>A number node as double, whether it was parsed from JSON or created from an int.</summary>
    private static double Number(JsonNode node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) ? d : double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    private static bool IsNumber(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    private static JsonValue Bool(bool value) => JsonValue.Create(value);

    private static bool AreEqual(JsonNode? left, JsonNode? right)
    {
        if (left is null || right is null) return left is null && right is null;
        if (IsNumber(left) && IsNumber(right)) return Number(left) == Number(right);
        return JsonNode.DeepEquals(left, right);
    }

    private static bool Compare(string op, JsonNode? left, JsonNode? right)
    {
        var order = IsNumber(left) && IsNumber(right)
            ? Number(left!).CompareTo(Number(right!))
            : string.CompareOrdinal(ToText(left), ToText(right));
        return op switch { "<" => order < 0, "<=" => order <= 0, ">" => order > 0, _ => order >= 0 };
    }

    private string ReadIdentifier()
    {
        SkipSpace();
        var start = _position;
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '_' or '$')) _position++;
        if (start == _position) throw Error("expected a name");
        return _text[start.._position];
    }

    private string ReadString(char quote)
    {
        _position++;
        var start = _position;
        while (_position < _text.Length && _text[_position] != quote) _position++;
        if (_position >= _text.Length) throw Error("unterminated string");
        return _text[start..(_position++)];
    }

    private JsonValue ReadNumber()
    {
        var start = _position;
        if (_text[_position] == '-') _position++;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.')) _position++;
        return JsonValue.Create(double.Parse(_text[start.._position], CultureInfo.InvariantCulture));
    }

    private bool Accept(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _position, token, 0, token.Length) != 0) return false;
        // "=" alone and "|" alone are not operators here; "<" must not swallow "<=".
        if (token is "<" or ">" or "!" && _position + 1 < _text.Length && _text[_position + 1] == '=') return false;
        _position += token.Length;
        return true;
    }

    private void Expect(string token)
    {
        if (!Accept(token)) throw Error($"expected '{token}'");
    }

    internal void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position])) _position++;
    }

    private CardTemplateException Error(string problem) => new($"Cannot evaluate '${{{_text}}}': {problem} at position {_position}.");
}
