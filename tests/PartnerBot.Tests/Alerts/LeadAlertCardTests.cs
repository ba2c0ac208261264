using System.Text.Json.Nodes;
using PartnerBot.Sales.Alerts;
using PartnerBot.Storage;

namespace PartnerBot.Tests.Alerts;

/// <summary>Teams renders the markdown of a card's text: what a prospect wrote reaches the sales channel as written.</summary>
public sealed class LeadAlertCardTests
{

    [Fact]
    public void A_prospects_name_company_and_message_are_no_markdown_in_the_alert()
    {
        var record = new ConversationRecord
        {
            Id = "emulator/conversations/c1",
            ConversationId = "c1",
            ChannelId = "emulator",
            Consent = Consent.Granted,
            ContactName = "**Eve** [call me](https://phish.example)",
            Company = "_Acme_",
            Contact = new JsonObject { ["email"] = "eve@example.com", ["message"] = "- see <b>this</b>" },
        };

        var card = LeadAlertCard.Render(record, "alert-1", "https://sales.example/sales", new PartnerBot.BotFramework.Cards.CardLibrary(Path.Combine(AppContext.BaseDirectory, "cards")));

        // The prospect's words are text runs, which clients never render as markdown, and in no text block, which they do.
        var runs = card.AsObject().Descendants().Where(n => (string?)n["type"] == "TextRun").Select(n => (string?)n["text"]).ToList();
        Assert.Contains("**Eve** [call me](https://phish.example), _Acme_", runs);
        Assert.Contains("- see <b>this</b>", runs);
        Assert.Contains("eve@example.com", runs);
        var blocks = card.AsObject().Descendants().Where(n => (string?)n["type"] == "TextBlock").Select(n => (string?)n["text"] ?? "").ToList();
        Assert.DoesNotContain(blocks, b => b.Contains("Eve", StringComparison.Ordinal) || b.Contains("<b>", StringComparison.Ordinal));
    }
}

internal static class JsonDescendants
{
    public static IEnumerable<JsonObject> Descendants(this JsonNode node) => node switch
    {
        JsonObject obj => new[] { obj }.Concat(obj.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants)),
        JsonArray array => array.OfType<JsonNode>().SelectMany(Descendants),
        _ => [],
    };
}
