using Microsoft.Extensions.Logging.Abstractions;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Storage;
using PartnerBot.BotFramework.Testing;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// The dialog engine without HTTP: a <see cref="DialogManager"/> over the test kit's <see cref="MemoryStorage"/>,
/// driven turn by turn. (The stores' own behaviour is the storage contract tests' subject.)
/// </summary>
public sealed class DialogHarness
{
    private int _sequence;

    public DialogHarness(Func<CardLibrary, DialogSet> dialogs, string rootDialogId, IStorage? storage = null)
    {
        Cards = new CardLibrary(Path.Combine(AppContext.BaseDirectory, "cards"));
        Manager = new DialogManager(dialogs(Cards), rootDialogId, storage ?? Storage, new InterruptionOptions(), NullLogger<DialogManager>.Instance);
    }

    public MemoryStorage Storage { get; } = new();

    public CardLibrary Cards { get; }

    public DialogManager Manager { get; }

    public DialogTurnResult? LastResult { get; private set; }

    public Activity Message(string? text, string channelId = "test", string? conversationType = null, string userId = "u1") => new()
    {
        Type = ActivityTypes.Message,
        Id = "a" + Interlocked.Increment(ref _sequence),
        Text = text,
        ChannelId = channelId,
        From = new ChannelAccount { Id = userId },
        Recipient = new ChannelAccount { Id = "bot" },
        Conversation = new ConversationAccount { Id = "conversation-1", ConversationType = conversationType },
    };

    public Task<Replies> SendAsync(string? text) => SendAsync(Message(text));

    public async Task<Replies> SendAsync(Activity activity)
    {
        var delivery = new ExpectRepliesDelivery();
        var turn = new TurnContext(activity, delivery);
        LastResult = await Manager.OnTurnAsync(turn, CancellationToken.None);
        return new Replies(delivery.Activities);
    }
}
