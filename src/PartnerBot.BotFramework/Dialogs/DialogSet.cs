namespace PartnerBot.BotFramework.Dialogs;

/// <summary>The dialogs a conversation can use, by id.</summary>
public sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    public DialogSet Add(Dialog dialog)
    {
        if (!_dialogs.TryAdd(dialog.Id, dialog)) throw new InvalidOperationException($"A dialog with id '{dialog.Id}' is already registered.");
        return this;
    }

    public Dialog Find(string id) =>
        _dialogs.TryGetValue(id, out var dialog) ? dialog : throw new InvalidOperationException($"No dialog with id '{id}' is registered.");

    public bool Contains(string id) => _dialogs.ContainsKey(id);
}
