using System.Text;
using System.Text.Json.Nodes;

namespace PartnerBot.BotFramework.Cards;

/// <summary>
/// Expands an Adaptive Card template (the Adaptive Card Templating language) with data: <c>${…}</c>
/// bindings in strings, <c>$data</c> to change scope or repeat an array element per item, and <c>$when</c>
/// to drop an element. A string that is exactly one binding keeps the bound value's JSON type.
/// </summary>
public static class CardTemplate
{
    public static JsonNode Expand(JsonNode template, JsonNode? data)
    {
        var scope = new TemplateScope(data, data, null);
        var expanded = ExpandNode(template, scope);
        return expanded.Count == 1 && expanded[0] is { } root ? root : throw new CardTemplateException("The template's root was removed by $when.");
    }

    /// <summary>Expands one node; an array element can expand to zero or several nodes.</summary>
    private static List<JsonNode?> ExpandNode(JsonNode? node, TemplateScope scope)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.TryGetPropertyValue("$data", out var dataBinding))
                {
                    var data = Bind(dataBinding, scope);
                    if (data is JsonArray items)
                    {
                        var repeated = new List<JsonNode?>();
                        for (var i = 0; i < items.Count; i++) repeated.AddRange(ExpandObject(obj, new TemplateScope(items[i], scope.Root, i)));
                        return repeated;
                    }
                    return ExpandObject(obj, scope with { Data = data });
                }
                return ExpandObject(obj, scope);
            case JsonArray array:
                var result = new JsonArray();
                foreach (var item in array)
                {
                    foreach (var expanded in ExpandNode(item, scope)) result.Add(expanded);
                }
                return [result];
            case JsonValue value when value.TryGetValue<string>(out var text):
                return [ExpandString(text, scope)];
            default:
                return [node?.DeepClone()];
        }
    }

    private static List<JsonNode?> ExpandObject(JsonObject obj, TemplateScope scope)
    {
        if (obj.TryGetPropertyValue("$when", out var when) && !TemplateExpression.IsTruthy(Bind(when, scope))) return [];

        var result = new JsonObject();
        foreach (var (name, value) in obj)
        {
            if (name is "$data" or "$when") continue;
            var expanded = ExpandNode(value, scope);
            result[name] = expanded.Count > 0 ? expanded[0] : null;
        }
        return [result];
    }

    private static JsonNode? Bind(JsonNode? binding, TemplateScope scope) =>
        binding is JsonValue v && v.TryGetValue<string>(out var text) ? ExpandString(text, scope) : binding?.DeepClone();

    private static JsonNode? ExpandString(string text, TemplateScope scope)
    {
        if (!text.Contains("${", StringComparison.Ordinal)) return JsonValue.Create(text);

        var whole = SingleBinding(text);
        if (whole is not null) return TemplateExpression.Evaluate(whole, scope)?.DeepClone();

        var builder = new StringBuilder(text.Length);
        var position = 0;
        while (position < text.Length)
        {
            var start = text.IndexOf("${", position, StringComparison.Ordinal);
            if (start < 0)
            {
                builder.Append(text, position, text.Length - position);
                break;
            }
            builder.Append(text, position, start - position);
            var end = FindClose(text, start + 2);
            builder.Append(TemplateExpression.ToText(TemplateExpression.Evaluate(text[(start + 2)..end], scope)));
            position = end + 1;
        }
        return JsonValue.Create(builder.ToString());
    }

    private static string? SingleBinding(string text)
    {
        if (!text.StartsWith("${", StringComparison.Ordinal) || !text.EndsWith('}')) return null;
        return FindClose(text, 2) == text.Length - 1 ? text[2..^1] : null;
    }

    /// <summary>The index of the brace closing a binding, skipping braces inside quoted strings.</summary>
    private static int FindClose(string text, int from)
    {
        char? quote = null;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote) quote = null;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '}')
            {
                return i;
            }
        }
        throw new CardTemplateException($"Unclosed binding in \"{text}\".");
    }
}
