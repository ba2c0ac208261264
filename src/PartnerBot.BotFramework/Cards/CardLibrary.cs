using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Cards;

/// <summary>
/// The Adaptive Card templates in the <c>cards/</c> folder, read once at start. A missing card, a template
/// that is not JSON, or data that leaves a binding unresolved fails loudly instead of showing a broken card.
/// </summary>
public sealed class CardLibrary
{
    private readonly Dictionary<string, JsonNode> _templates;

    public CardLibrary(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"The cards folder '{directory}' does not exist.");
        _templates = Directory.EnumerateFiles(directory, "*.json")
            .Where(path => !path.EndsWith(".data.json", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(
                path => Path.GetFileNameWithoutExtension(path),
                path => JsonNode.Parse(File.ReadAllText(path)) ?? throw new CardTemplateException($"Card template '{path}' is empty."),
                StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<string> Names => _templates.Keys;

    /// <summary>The expanded card for <paramref name="name"/> with <paramref name="data"/> (serialized camelCase).</summary>
    public JsonNode Render<TData>(string name, TData data)
    {
        if (!_templates.TryGetValue(name, out var template)) throw new CardTemplateException($"No card template named '{name}' in the cards folder.");
        // Bound values are inserted as data and never expanded again, so text a user typed ("${x}") is shown as typed.
        return CardTemplate.Expand(template, JsonSerializer.SerializeToNode(data, BotJson.Options));
    }

    public Attachment RenderAttachment<TData>(string name, TData data) => Attachment.AdaptiveCard(Render(name, data));
}
