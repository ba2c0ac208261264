using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerBot.BotFramework.Schema;

/// <summary>
/// PartnerBot's one set of JSON conventions: the Bot Framework wire format (camelCase, nulls omitted, enums as
/// camelCase strings), used as well for everything the bot stores (dialog state, assessments, follow-ups, card data).
/// </summary>
public static class BotJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Text must reach storage and channels as written (emoji, RTL, markup); escaping happens where it is rendered.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    public static Activity Clone(Activity activity) =>
        JsonSerializer.Deserialize<Activity>(JsonSerializer.SerializeToUtf8Bytes(activity, Options), Options)!;
}
