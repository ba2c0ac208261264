using PartnerBot.Tests.Advisor;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Sales;

/// <summary>Prospects talking to the bot, so the workspace has real conversations to show.</summary>
public static class SalesLeads
{
    /// <summary>A whole assessment with consent, then "talk to an expert" with the contact form filled in.</summary>
    public static async Task<TestChat> ExpertRequestAsync(PartnerBotApplication app, string name, string email, string company, string phone = "")
    {
        var chat = app.Chat(userName: name);
        await AssessmentWalk.AnswerAsync(chat, AdvisorPersonas.Scripts[0].Answers);
        await chat.SendAsync("talk to an expert");
        (await chat.SubmitAsync(new { contactForm = true, name, email, company, phone, message = "Class IIa inhaler, EU first", contactTime = "morning" }))
            .Expect("Thank you, " + name);
        return chat;
    }

    /// <summary>A prospect who says no to consent and answers a question.</summary>
    public static async Task<TestChat> DeclinedAsync(PartnerBotApplication app)
    {
        var chat = app.Chat(userName: "Dee Clined");
        await chat.SendAsync("hi");
        await chat.SendAsync("no");
        await chat.SendAsync("startup");
        return chat;
    }

    public static string RecordId(TestChat chat) => "emulator/conversations/" + chat.ConversationId;

    public static string Key(TestChat chat) => PartnerBot.Sales.Workspace.SalesKeys.Encode(RecordId(chat));
}
