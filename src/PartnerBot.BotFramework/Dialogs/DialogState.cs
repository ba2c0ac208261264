using System.Text.Json;
using PartnerBot.BotFramework.Storage;

namespace PartnerBot.BotFramework.Dialogs;

/// <summary>The persisted dialog stack of one conversation (or one user in a shared conversation); top is last.</summary>
public sealed class DialogState
{
    public List<DialogInstance> Stack { get; set; } = [];

    /// <summary>
    /// The stack stored as <paramref name="json"/>, its frames' state left in one parsed document whose memory is pooled:
    /// the turn reads from it until it disposes the returned document, after the stack is saved.
    /// </summary>
    public static (DialogState State, IDisposable? Document) Parse(string? json) =>
        json is null ? (new DialogState(), null) : Read(JsonDocument.Parse(json));

    /// <inheritdoc cref="Parse(string?)"/>
    /// <remarks>Read from the item's UTF-8 in place when the store handed it over that way.</remarks>
    public static (DialogState State, IDisposable? Document) Parse(StoreItem? stored) =>
        stored is null ? (new DialogState(), null)
        : stored.Utf8Json is { } utf8 ? Read(JsonDocument.Parse(utf8))
        : Parse(stored.Json);

    private static (DialogState State, IDisposable? Document) Read(JsonDocument document)
    {
        try
        {
            var root = document.RootElement;
            var state = new DialogState();
            if (root.ValueKind == JsonValueKind.Null) return (state, document);
            if (root.ValueKind != JsonValueKind.Object) throw new JsonException("The stored dialog state is not a JSON object.");
            foreach (var property in root.EnumerateObject())
            {
                if (!property.NameEquals("stack")) continue;
                if (property.Value.ValueKind != JsonValueKind.Array) throw new JsonException("The stored dialog stack is not a JSON array.");
                foreach (var frame in property.Value.EnumerateArray()) state.Stack.Add(DialogInstance.From(frame));
            }
            return (state, document);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }
}
