using PartnerBot.Storage;
using PartnerBot.Tests.Advisor;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Sales;

/// <summary>What is kept for sales depends on consent; declining still gets the whole assessment.</summary>
public sealed class ConsentTests : IDisposable
{
    private readonly PartnerBotApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task With_consent_the_record_and_transcript_keep_who_said_what()
    {
        var chat = _app.Chat(userName: "Ada Prospect");

        await AssessmentWalk.AnswerAsync(chat, AssessmentWalk.StartupConcept);

        var record = await _app.Store.Records.GetAsync("emulator/conversations/" + chat.ConversationId, default);
        Assert.NotNull(record);
        Assert.Equal(Consent.Granted, record.Consent);
        Assert.Equal("Ada Prospect", record.UserName);
        Assert.Equal(chat.UserId, record.UserId);
        Assert.Equal(FollowUpStatus.New, record.FollowUpStatus);
        Assert.Equal("emulator", record.ChannelId);
        Assert.Equal("startup", record.Answers!["organization"]!.GetValue<string>());
        Assert.Equal("concept", record.Answers!["maturity"]!.GetValue<string>());
        Assert.NotNull(record.ConversationReference);
        var transcript = await _app.Store.Transcripts.GetTranscriptAsync(chat.ConversationId, default);
        Assert.Contains(transcript, e => e.Activity.Text == "startup" && e.Activity.From?.Name == "Ada Prospect");
    }

    [Fact]
    public async Task Declining_redacts_what_was_stored_and_stores_nothing_identifying_afterwards()
    {
        var chat = _app.Chat(userName: "Bob Secret");
        string[] answers = ["hello, I'm Bob from Secret Devices", "no", .. AssessmentWalk.StartupConcept[2..]];

        var last = await AssessmentWalk.AnswerAsync(chat, answers);

        last.Expect("that's everything I need");
        var record = await _app.Store.Records.GetAsync("emulator/conversations/" + chat.ConversationId, default);
        Assert.NotNull(record);
        Assert.Equal(Consent.Declined, record.Consent);
        Assert.Null(record.UserName);
        Assert.NotEqual(chat.UserId, record.UserId);
        Assert.StartsWith("h:", record.UserId);
        Assert.Null(record.ConversationReference);
        Assert.Equal(answers.Length, record.MessageCount);

        var transcript = await _app.Store.Transcripts.GetTranscriptAsync(chat.ConversationId, default);
        Assert.Equal(answers.Length, transcript.Count(e => e.Direction == TranscriptDirection.Inbound));
        var stored = string.Join("\n", transcript.Select(e => System.Text.Json.JsonSerializer.Serialize(e.Activity, BotFramework.Schema.BotJson.Options)));
        Assert.DoesNotContain("Bob", stored);
        Assert.DoesNotContain("Secret", stored);
        Assert.DoesNotContain(chat.UserId, stored);
        Assert.All(transcript, e => Assert.Null(e.Activity.Text));
    }
}
