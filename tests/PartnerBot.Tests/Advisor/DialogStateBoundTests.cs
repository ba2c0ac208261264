using System.Text.RegularExpressions;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Advisor;

/// <summary>Looping through "change an answer" and "talk to an expert" keeps the stored dialog state the same size.</summary>
public sealed partial class DialogStateBoundTests : IDisposable
{
    private readonly PartnerBotApplication _app = new();

    public void Dispose() => _app.Dispose();

    private static readonly object ContactForm = new
    {
        contactForm = true, name = "Ada Prospect", email = "ada@acme-medical.com", company = "Acme Medical", phone = "", message = "", contactTime = "any",
    };

    private async Task LoopAsync(TestChat chat)
    {
        await chat.SubmitAsync(new { choice = "change" });
        await chat.SendAsync("priority");
        RecommendationView.From(await chat.SendAsync("cost"));
        await chat.SubmitAsync(new { choice = "expert" });
        (await chat.SubmitAsync(ContactForm)).Expect("Thank you, Ada Prospect");
    }

    private async Task<string> StoredStateAsync(TestChat chat) =>
        (await _app.Store.State.ReadAsync("emulator/conversations/" + chat.ConversationId, default))!.Json;

    [Fact]
    public async Task Many_change_and_expert_loops_leave_the_stored_dialog_state_bounded()
    {
        var chat = _app.Chat();
        await AssessmentWalk.AnswerAsync(chat, AdvisorPersonas.Scripts[0].Answers);

        for (var i = 0; i < 3; i++) await LoopAsync(chat);
        var early = await StoredStateAsync(chat);
        for (var i = 0; i < 25; i++) await LoopAsync(chat);
        var late = await StoredStateAsync(chat);

        // Equal but for timestamps, whose text may differ by a few characters; unbounded growth adds ~70 per loop.
        Assert.InRange(late.Length, early.Length - 16, early.Length + 16);
        foreach (Match asked in AskedList().Matches(late))
        {
            Assert.True(asked.Groups[1].Value.Split(',').Length <= 30, $"back list too long: {asked.Value}");
        }
        // "back" still works after the loops: it leaves the next-steps prompt without an error.
        (await chat.SendAsync("back")).ExpectNot("Sorry");
    }

    [GeneratedRegex(@"""asked"":\[([^\]]*)\]")]
    private static partial Regex AskedList();
}
