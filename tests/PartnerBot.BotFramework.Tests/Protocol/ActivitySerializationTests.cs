using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Tests.Protocol;

public sealed class ActivitySerializationTests
{
    private const string TeamsMessage = """
        {
          "type": "message",
          "id": "1632479372223",
          "timestamp": "2026-11-20T10:15:00.123Z",
          "localTimestamp": "2026-11-20T11:15:00.123+01:00",
          "serviceUrl": "https://smba.trafficmanager.net/emea/",
          "channelId": "msteams",
          "from": { "id": "29:1abc", "name": "Ada Prospect", "aadObjectId": "00000000-0000-0000-0000-000000000001", "futureField": 7 },
          "conversation": { "id": "19:abc@thread.tacv2;messageid=1632479372223", "conversationType": "channel", "tenantId": "t-1", "isGroup": true },
          "recipient": { "id": "28:bot", "name": "PartnerBot" },
          "text": "<at>PartnerBot</at> startup",
          "textFormat": "plain",
          "locale": "en-GB",
          "entities": [ { "type": "mention", "mentioned": { "id": "28:bot", "name": "PartnerBot" }, "text": "<at>PartnerBot</at>" },
                        { "type": "clientInfo", "locale": "en-GB", "country": "GB", "platform": "Web" } ],
          "channelData": { "teamsChannelId": "19:abc@thread.tacv2", "tenant": { "id": "t-1" } },
          "attachments": [ { "contentType": "text/html", "content": "<div>hi</div>" } ],
          "brandNewTopLevelField": { "nested": [1, 2, 3] }
        }
        """;

    [Fact]
    public void Unknown_fields_survive_a_read_write_round_trip()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsMessage, BotJson.Options)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, BotJson.Options))!;
        var original = JsonNode.Parse(TeamsMessage)!;

        Assert.True(JsonNode.DeepEquals(original["brandNewTopLevelField"], written["brandNewTopLevelField"]));
        Assert.Equal(7, written["from"]!["futureField"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(original["entities"], written["entities"]));
        Assert.True(JsonNode.DeepEquals(original["channelData"], written["channelData"]));
        Assert.Equal("19:abc@thread.tacv2;messageid=1632479372223", written["conversation"]!["id"]!.GetValue<string>());
        Assert.True(written["conversation"]!["isGroup"]!.GetValue<bool>());
    }

    [Fact]
    public void Written_activities_are_camel_case_without_nulls_or_computed_properties()
    {
        var json = JsonSerializer.Serialize(Activity.CreateMessage("hello"), BotJson.Options);

        Assert.Equal("""{"type":"message","text":"hello","inputHint":"acceptingInput"}""", json);
    }

    [Fact]
    public void A_reply_swaps_the_addresses_and_keeps_conversation_channel_service_url_and_locale()
    {
        var inbound = JsonSerializer.Deserialize<Activity>(TeamsMessage, BotJson.Options)!;

        var reply = inbound.CreateReply("hi");

        Assert.Equal("28:bot", reply.From!.Id);
        Assert.Equal("29:1abc", reply.Recipient!.Id);
        Assert.Equal(inbound.Conversation!.Id, reply.Conversation!.Id);
        Assert.Equal("msteams", reply.ChannelId);
        Assert.Equal(inbound.ServiceUrl, reply.ServiceUrl);
        Assert.Equal("1632479372223", reply.ReplyToId);
        Assert.Equal("en-GB", reply.Locale);
    }

    [Fact]
    public void Mentions_are_read_from_entities()
    {
        var inbound = JsonSerializer.Deserialize<Activity>(TeamsMessage, BotJson.Options)!;

        var mention = Assert.Single(inbound.GetMentions());

        Assert.Equal(new Mention("28:bot", "PartnerBot", "<at>PartnerBot</at>"), mention);
    }
}
