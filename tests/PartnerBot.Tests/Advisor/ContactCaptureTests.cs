using PartnerBot.Bot;
using System.Text.Json.Nodes;
using PartnerBot.Advisor.Contact;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Advisor;

/// <summary>"Talk to an expert": the contact card, its checks on the card and again on the server, and the lead.</summary>
public sealed class ContactCaptureTests : IDisposable
{
    private readonly PartnerBotApplication _app = new();

    public void Dispose() => _app.Dispose();

    private static object Form(string name = "Ada Prospect", string email = "ada@acme-medical.com", string company = "Acme Medical",
        string phone = "", string message = "Class IIa inhaler, EU first", string contactTime = "morning") =>
        new { contactForm = true, name, email, company, phone, message, contactTime };

    private async Task<TestChat> AtRecommendationAsync(string consent = "yes")
    {
        var chat = _app.Chat();
        string[] answers = [.. AdvisorPersonas.Scripts[0].Answers];
        answers[1] = consent;
        RecommendationView.From(await AssessmentWalk.AnswerAsync(chat, answers));
        return chat;
    }

    private Task<ConversationRecord?> RecordAsync(TestChat chat) => _app.Store.Records.GetAsync("emulator/conversations/" + chat.ConversationId, default);

    [Fact]
    public async Task The_contact_card_validates_on_the_card_itself()
    {
        var chat = await AtRecommendationAsync();

        var replies = await chat.SubmitAsync(new { choice = "expert" });

        var body = replies.LastCard!["body"]!.AsArray();
        JsonNode Input(string id) => body.First(e => e!["id"]?.GetValue<string>() == id)!;
        Assert.True(Input("name")["isRequired"]!.GetValue<bool>());
        Assert.True(Input("email")["isRequired"]!.GetValue<bool>());
        Assert.Matches(Input("email")["regex"]!.GetValue<string>(), "jo@acme.com");
        Assert.DoesNotMatch(Input("email")["regex"]!.GetValue<string>(), "jo@acme");
        Assert.False(string.IsNullOrEmpty(Input("email")["errorMessage"]!.GetValue<string>()));
        Assert.True(Input("company")["isRequired"]!.GetValue<bool>());
        Assert.Null(Input("phone")["isRequired"]);
        Assert.Equal(3, Input("contactTime")["choices"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_valid_submit_is_saved_as_a_new_lead_and_confirmed()
    {
        var chat = await AtRecommendationAsync();
        await chat.SendAsync("talk to an expert");

        var replies = await chat.SubmitAsync(Form(phone: "+41 44 123 45 67"));

        replies.Expect("Thank you, Ada Prospect").Expect("ada@acme-medical.com").Expect("in the morning");
        var record = await RecordAsync(chat);
        Assert.Equal(FollowUpStatus.New, record!.FollowUpStatus);
        Assert.Equal("ada@acme-medical.com", record.Contact!["email"]!.GetValue<string>());
        Assert.Equal("Acme Medical", record.Contact!["company"]!.GetValue<string>());
        Assert.Equal("+41 44 123 45 67", record.Contact!["phone"]!.GetValue<string>());
        Assert.Equal("morning", record.Contact!["preferredContactTime"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("ada@", "", "valid work e-mail")]
    [InlineData("ada@acme.com", "call me maybe", "phone number doesn't look right")]
    [InlineData("<script>@x.com", "", "valid work e-mail")]
    public async Task A_forged_submit_that_the_card_would_have_refused_is_not_stored(string email, string phone, string problem)
    {
        var chat = await AtRecommendationAsync();
        await chat.SendAsync("talk to an expert");

        var replies = await chat.SubmitAsync(Form(email: email, phone: phone));

        replies.Expect("need another look").Expect(problem).ExpectNot("Thank you");
        var card = replies.LastCard!;
        Assert.Contains(problem, card.ToJsonString(BotFramework.Schema.BotJson.Options));
        Assert.Equal("Acme Medical", card["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "company")!["value"]!.GetValue<string>());
        Assert.Null((await RecordAsync(chat))!.Contact);

        (await chat.SubmitAsync(Form())).Expect("Thank you, Ada Prospect");
        Assert.NotNull((await RecordAsync(chat))!.Contact);
    }

    [Fact]
    public async Task Template_syntax_typed_by_a_prospect_is_shown_as_typed_and_never_breaks_the_card()
    {
        var chat = await AtRecommendationAsync();
        await chat.SendAsync("talk to an expert");

        var replies = await chat.SubmitAsync(new { contactForm = true, name = "${x}", email = "not-an-email", company = "${$root.secret} & Co" });

        replies.Expect("need another look").ExpectNot(TurnErrorHandler.Apology);
        var card = replies.LastCard!;
        string Field(string id) => card["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == id)!["value"]!.GetValue<string>();
        Assert.Equal("${x}", Field("name"));
        Assert.Equal("${$root.secret} & Co", Field("company"));
    }

    [Fact]
    public async Task Missing_required_fields_are_named()
    {
        var chat = await AtRecommendationAsync();
        await chat.SendAsync("talk to an expert");

        (await chat.SubmitAsync(new { contactForm = true, email = "ada@acme.com" })).Expect("Please enter your name.").Expect("Please enter your company.");
    }

    [Fact]
    public async Task Typing_instead_of_filling_the_form_gets_a_hint()
    {
        var chat = await AtRecommendationAsync();
        await chat.SendAsync("talk to an expert");

        (await chat.SendAsync("my email is ada@acme.com")).Expect("Please fill in the form above");
    }

    [Fact]
    public async Task A_prospect_who_declined_consent_is_asked_again_before_anything_is_stored()
    {
        var chat = await AtRecommendationAsync(consent: "no");

        (await chat.SendAsync("talk to an expert")).Expect("Earlier you chose not to have this conversation kept");
        (await chat.SendAsync("no")).Expect("nothing has been stored");
        Assert.Null((await RecordAsync(chat))!.Contact);
        Assert.Equal(Consent.Declined, (await RecordAsync(chat))!.Consent);

        await chat.SendAsync("talk to an expert");
        await chat.SendAsync("yes");
        (await chat.SubmitAsync(Form())).Expect("Thank you, Ada Prospect");

        var record = await RecordAsync(chat);
        Assert.Equal(Consent.Granted, record!.Consent);
        Assert.Equal("ada@acme-medical.com", record.Contact!["email"]!.GetValue<string>());
        // What was said before consent stays redacted.
        var transcript = await _app.Store.Transcripts.GetTranscriptAsync(chat.ConversationId, default);
        Assert.DoesNotContain(transcript, e => e.Activity.Text == "startup");
    }

    [Fact]
    public void Server_side_validation_table()
    {
        Dictionary<string, string?> Fields(string? name = "A", string? email = "a@b.co", string? company = "C", string? phone = null, string? message = null, string? time = null) =>
            new() { ["name"] = name, ["email"] = email, ["company"] = company, ["phone"] = phone, ["message"] = message, ["contactTime"] = time };

        Assert.Empty(ContactForm.Validate(Fields()));
        Assert.Single(ContactForm.Validate(Fields(name: new string('x', 101))));
        Assert.Single(ContactForm.Validate(Fields(email: "a@b")));
        Assert.Single(ContactForm.Validate(Fields(message: new string('x', 2001))));
        Assert.Single(ContactForm.Validate(Fields(time: "midnight")));
        Assert.Contains("one line", Assert.Single(ContactForm.Validate(Fields(name: "Eve\r# Call +1 555 now"))));
        Assert.Contains("one line", Assert.Single(ContactForm.Validate(Fields(company: "Acme\n- x"))));
        Assert.Equal(3, ContactForm.Validate(Fields(name: null, email: null, company: null)).Count);
    }
}
