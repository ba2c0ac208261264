using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Dialogs;

/// <summary>
/// One entry of the dialog stack: the dialog's id and its typed state. The state object is used live for
/// the whole turn and serialized only when the stack is saved, so nested steps never read a stale copy.
/// </summary>
public sealed class DialogInstance
{
    private object? _live;

    public required string Id { get; init; }

    public JsonNode? State { get; set; }

    public T GetState<T>() where T : class, new()
    {
        if (_live is T live) return live;
        var state = State is null ? new T() : State.Deserialize<T>(BotJson.Options) ?? new T();
        _live = state;
        return state;
    }

    public void SetState<T>(T state) where T : class => _live = state;

    /// <summary>The typed state when this turn has already loaded it (and so may have changed it), else null.</summary>
    public T? LiveState<T>() where T : class => _live as T;

    /// <summary>Writes the live state back into <see cref="State"/> before the stack is saved.</summary>
    internal void Persist()
    {
        if (_live is not null) State = JsonSerializer.SerializeToNode(_live, _live.GetType(), BotJson.Options);
    }
}
