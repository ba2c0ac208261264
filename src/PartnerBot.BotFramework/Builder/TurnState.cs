namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// Typed per-turn values shared between middleware and the bot. Keyed by type, so nothing is looked up by
/// a string that could drift.
/// </summary>
public sealed class TurnState
{
    private readonly Dictionary<Type, object> _values = [];

    public void Set<T>(T value) where T : class => _values[typeof(T)] = value;

    public T? Get<T>() where T : class => _values.TryGetValue(typeof(T), out var value) ? (T)value : null;
}
