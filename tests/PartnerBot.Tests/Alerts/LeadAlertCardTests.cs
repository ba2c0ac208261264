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

    [Fact]
    public void A_call_booked_in_the_chat_is_on_the_card_and_so_is_its_cancellation()
    {
        var meeting = new JsonObject { ["id"] = "AAMk1", ["start"] = "2026-12-08T14:00:00+00:00", ["end"] = "2026-12-08T14:30:00+00:00", ["joinUrl"] = "https://teams.microsoft.com/l/meetup-join/x" };
        var record = new ConversationRecord
        {
            Id = "emulator/conversations/c2", ConversationId = "c2", ChannelId = "emulator", Consent = Consent.Granted, ContactName = "Ada", Company = "Acme",
            Contact = new JsonObject { ["email"] = "ada@example.com" }, Meeting = meeting,
        };

        var booked = LeadAlertCard.Data(record, "alert-1", "https://sales.example/sales");
        Assert.Equal("New lead: booked a call with an expert", booked.Headline);
        Assert.Contains(new LeadAlertCard.Fact("Call", "2026-12-08 14:00 UTC, booked in the chat"), booked.Facts);

        meeting["cancelledAt"] = "2026-12-07T10:00:00+00:00";
        var cancelled = LeadAlertCard.Data(record, "alert-1", "https://sales.example/sales");
        Assert.Contains(new LeadAlertCard.Fact("Call", "2026-12-08 14:00 UTC, cancelled by the prospect"), cancelled.Facts);
        // A prospect who declined consent booked nothing that the card could show.
        Assert.DoesNotContain(LeadAlertCard.Data(record with { Consent = Consent.Declined }, "alert-1", "https://sales.example/sales").Facts, f => f.Title == "Call");
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
