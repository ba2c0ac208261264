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

        var data = LeadAlertCard.Data(record, "alert-1", "https://sales.example/sales");

        Assert.Equal("\\*\\*Eve\\*\\* \\[call me\\](https://phish.example), \\_Acme\\_", data.Who);
        Assert.Equal("\\- see \\<b\\>this\\</b\\>", data.Facts.Single(f => f.Title == "Message").Value);
        Assert.Equal("eve@example.com", data.Facts.Single(f => f.Title == "E-mail").Value);
    }
}
