using System.Text.Json;
using System.Text.Json.Serialization;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Dialogs;

/// <summary>
/// One entry of the dialog stack: the dialog's id and its typed state. The state is kept as the stored JSON until a
/// dialog asks for it; from then on the typed object is used live for the whole turn and written straight into the
/// saved stack, so nested steps never read a stale copy and an untouched frame costs no conversion.
/// </summary>
[JsonConverter(typeof(DialogInstanceJsonConverter))]
public sealed class DialogInstance
{
    private object? _live;

    public required string Id { get; init; }

    /// <summary>The state as it was stored, or null for a new frame (what a frame holds now is its live state, when loaded).</summary>
    public JsonElement? State { get; init; }

    public T GetState<T>() where T : class, new()
    {
        if (_live is T live) return live;
        var state = State is { ValueKind: not JsonValueKind.Null } stored ? stored.Deserialize<T>(BotJson.Options) ?? new T() : new T();
        _live = state;
        return state;
    }

    public void SetState<T>(T state) where T : class => _live = state;

    /// <summary>The typed state when this turn has already loaded it (and so may have changed it), else null.</summary>
    public T? LiveState<T>() where T : class => _live as T;

    /// <summary>A stored frame, <c>{"id":…,"state":{…}}</c>, its state left where it is in <paramref name="frame"/>'s document.</summary>
    internal static DialogInstance From(JsonElement frame)
    {
        if (frame.ValueKind != JsonValueKind.Object) throw new JsonException("A dialog stack frame must be a JSON object.");
        string? id = null;
        JsonElement? state = null;
        foreach (var property in frame.EnumerateObject())
        {
            if (property.NameEquals(DialogInstanceJsonConverter.IdName.EncodedUtf8Bytes)) id = property.Value.GetString();
            else if (property.NameEquals(DialogInstanceJsonConverter.StateName.EncodedUtf8Bytes) && property.Value.ValueKind != JsonValueKind.Null) state = property.Value;
        }
        return new DialogInstance { Id = id ?? throw new JsonException("A dialog stack frame has no id."), State = state };
    }

    /// <summary>The live state when loaded, else the stored JSON, else nothing.</summary>
    internal void WriteState(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        if (_live is not null)
        {
            writer.WritePropertyName(DialogInstanceJsonConverter.StateName);
            JsonSerializer.Serialize(writer, _live, _live.GetType(), options);
        }
        else if (State is { ValueKind: not JsonValueKind.Null } stored)
        {
            writer.WritePropertyName(DialogInstanceJsonConverter.StateName);
            stored.WriteTo(writer);
        }
    }
}

/// <summary>
/// A stack frame as stored: <c>{"id":…,"state":{…}}</c>. The frame is read as a <see cref="JsonElement"/> (one copy of its
/// UTF-8, no node tree) and its state written from the live object directly, without an intermediate document.
/// </summary>
internal sealed class DialogInstanceJsonConverter : JsonConverter<DialogInstance>
{
    internal static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    internal static readonly JsonEncodedText StateName = JsonEncodedText.Encode("state");

    public override DialogInstance Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DialogInstance.From(JsonElement.ParseValue(ref reader));

    public override void Write(Utf8JsonWriter writer, DialogInstance value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(IdName, value.Id);
        value.WriteState(writer, options);
        writer.WriteEndObject();
    }
}
