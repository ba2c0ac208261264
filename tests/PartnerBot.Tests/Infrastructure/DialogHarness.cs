using Microsoft.Extensions.Logging.Abstractions;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Storage;
using PartnerBot.Storage.Sqlite;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// The dialog engine without HTTP: a <see cref="DialogManager"/> over a real SQLite store, driven turn by turn.
/// </summary>
public sealed class DialogHarness : IDisposable
{
    private readonly string _directory = TestDirectory.Create();
    private int _sequence;

    public DialogHarness(Func<CardLibrary, DialogSet> dialogs, string rootDialogId, IStorage? storage = null)
    {
        Store = Stores.Sqlite(Path.Combine(_directory, "dialogs.db"));
        Cards = new CardLibrary(Path.Combine(AppContext.BaseDirectory, "cards"));
        Manager = new DialogManager(dialogs(Cards), rootDialogId, storage ?? Store.State, new InterruptionOptions(), NullLogger<DialogManager>.Instance);
    }

    public Stores Store { get; }

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

    public void Dispose()
    {
        Store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        TestDirectory.TryDelete(_directory);
    }
}
