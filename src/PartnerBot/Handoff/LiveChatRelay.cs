using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Connector;
using PartnerBot.BotFramework.Schema;
using PartnerBot.DirectLine;
using PartnerBot.Storage;

namespace PartnerBot.Handoff;

/// <summary>
/// Carries a live chat's messages: the prospect's into the Teams threads of their card, as plain text under their
/// name; the colleague's and the bot's notices into the prospect's conversation (the embedded Direct Line's log and
/// stream, or the channel's Connector). A Connector that throttles (its <c>Retry-After</c> is honoured), fails or
/// does not answer delays a message until <see cref="LiveChatOptions.RelayTimeoutSeconds"/>; then the send is
/// reported failed, so the sender can be told. Messages to the prospect are logged in their transcript, with who wrote them.
/// </summary>
public sealed partial class LiveChatRelay(
    ConnectorDeliveryFactory connectors,
    DirectLineDelivery directLine,
    ITranscriptStore transcripts,
    IOptions<LiveChatOptions> options,
    TimeProvider clock,
    ILogger<LiveChatRelay> logger)
{
    /// <summary>Each try is one request: the relay itself waits between them, within its own deadline.</summary>
    private static readonly ConnectorRetryPolicy OneTry = new(1, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>The id the prospect's client sees a colleague's messages from (never their directory id).</summary>
    public static string ColleagueId(SalesPerson agent) =>
        "partnerbot-colleague-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(agent.Id)))[..12];

    /// <summary>The prospect's words for a Teams thread: mentions removed, markdown and HTML escaped, under their name.</summary>
    public static string ForThread(string prospect, string text) =>
        $"**{MarkdownText.Escape(prospect, atLineStart: false)}:** {MarkdownText.Escape(Mention().Replace(text, "").Trim(), atLineStart: false)}";

    public Task<bool> ToThreadAsync(LiveChatThread thread, string text, CancellationToken cancellationToken)
    {
        var message = Activity.CreateMessage(text);
        message.TextFormat = "markdown";
        return ToThreadAsync(thread, message, cancellationToken);
    }

    public Task<bool> ToThreadAsync(LiveChatThread thread, Activity activity, CancellationToken cancellationToken)
    {
        activity.ChannelId = Channels.MsTeams;
        activity.Conversation = new ConversationAccount { Id = thread.ConversationId, ConversationType = "channel", IsGroup = true, TenantId = thread.TenantId };
        activity.From = thread.BotId is { } bot ? new ChannelAccount { Id = bot, Role = "bot" } : null;
        return SendAsync(new Uri(thread.ServiceUrl), (client, ct) => client.SendToConversationAsync(thread.ConversationId, activity, ct), cancellationToken);
    }

    /// <summary>A message or typing to the prospect, from <paramref name="colleague"/> or (null) the bot itself.</summary>
    public async Task<bool> ToProspectAsync(LiveChat chat, Activity activity, SalesPerson? colleague, CancellationToken cancellationToken)
    {
        var reference = chat.Reference.Deserialize<ConversationReference>(BotJson.Options)!;
        // The bot's own notices in the language the prospect reads; a colleague's words go as they were written.
        if (colleague is null && PartnerBot.Advisor.Languages.Language.Find(reference.Locale) is { IsEnglish: false } language)
        {
            PartnerBot.Advisor.Languages.ActivityTranslator.Translate(activity, language);
        }
        activity.ChannelId = reference.ChannelId;
        activity.Conversation = reference.Conversation;
        activity.Recipient = reference.User;
        activity.ServiceUrl = reference.ServiceUrl;
        activity.From = reference.Bot is { } bot ? new ChannelAccount { Id = bot.Id, Name = bot.Name, Role = "bot" } : null;
        if (colleague is not null)
        {
            if (string.Equals(reference.ChannelId, Channels.MsTeams, StringComparison.OrdinalIgnoreCase))
            {
                // A Teams chat with the bot shows every message as the bot's: the colleague's name leads the text.
                if (activity.Text is { } said) activity.Text = $"**{MarkdownText.Escape(colleague.Name, atLineStart: false)}:** {said}";
            }
            else
            {
                // Web Chat shows a sender of its own as another participant.
                activity.From = new ChannelAccount { Id = ColleagueId(colleague), Name = colleague.Name, Role = "bot" };
            }
        }
        bool sent;
        if (chat.Embedded)
        {
            try
            {
                await directLine.DeliverAsync(activity, cancellationToken);
                sent = true;
            }
            catch (StorageUnavailableException exception)
            {
                LogNotRelayed(logger, exception, "the embedded Direct Line");
                sent = false;
            }
        }
        else
        {
            if (reference.Conversation?.Id is not { } conversationId || !Uri.TryCreate(reference.ServiceUrl, UriKind.Absolute, out var serviceUrl))
            {
                LogNotRelayed(logger, new InvalidOperationException("The prospect's conversation has no service address."), "the prospect");
                return false;
            }
            sent = await SendAsync(serviceUrl, (client, ct) => client.SendToConversationAsync(conversationId, activity, ct), cancellationToken);
        }
        if (sent && activity.IsType(ActivityTypes.Message)) await LogAsync(chat, activity, colleague, cancellationToken);
        return sent;
    }

    /// <summary>The transcript names the colleague (name and directory id); the prospect's client never sees the id.</summary>
    private async Task LogAsync(LiveChat chat, Activity sent, SalesPerson? colleague, CancellationToken cancellationToken)
    {
        var logged = BotJson.Clone(sent);
        if (colleague is not null) logged.From = new ChannelAccount { Id = ColleagueId(colleague), Name = colleague.Name, AadObjectId = colleague.Id, Role = "colleague" };
        try
        {
            await transcripts.AppendAsync([new TranscriptEntry(chat.ConversationId, chat.Id, TranscriptDirection.Outbound, clock.GetUtcNow(), logged)], cancellationToken);
        }
        catch (StorageUnavailableException exception)
        {
            // Delivered, so not lost for the prospect; the workspace misses the line.
            LogNotLogged(logger, exception);
        }
    }

    private async Task<bool> SendAsync(Uri serviceUrl, Func<ConnectorClient, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(options.Value.RelayTimeoutSeconds);
        ConnectorClient client;
        try
        {
            client = connectors.ClientFor(serviceUrl, OneTry);
        }
        catch (UntrustedServiceUrlException exception)
        {
            LogNotRelayed(logger, exception, serviceUrl.Host);
            return false;
        }
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(Max(TimeSpan.FromMilliseconds(100), deadline - clock.GetUtcNow()));
            try
            {
                await send(client, attemptTimeout.Token);
                return true;
            }
            catch (ConnectorException exception) when (exception.StatusCode is { } status && ConnectorRetryPolicy.IsTransient(status))
            {
                wait = exception.RetryAfter is { } asked && asked > TimeSpan.Zero ? asked : Backoff(attempt);
                LogRetry(logger, (int)status, wait.TotalMilliseconds);
            }
            catch (ConnectorException exception)
            {
                // 400, 403, 404: the conversation is gone or refuses the bot; trying again changes nothing.
                LogNotRelayed(logger, exception, serviceUrl.Host);
                return false;
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                wait = Backoff(attempt);
                LogRetry(logger, 0, wait.TotalMilliseconds);
            }
            if (clock.GetUtcNow() + wait > deadline)
            {
                LogGaveUp(logger, attempt, options.Value.RelayTimeoutSeconds);
                return false;
            }
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(4000, 200 * Math.Pow(2, attempt - 1)));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [GeneratedRegex(@"<at>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Mention();

    [LoggerMessage(Level = LogLevel.Information, Message = "A live chat message was not accepted ({Status}); trying again in {Milliseconds:F0} ms")]
    private static partial void LogRetry(ILogger logger, int status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live chat message could not be delivered after {Attempts} attempts in {Seconds} s; the sender is told")]
    private static partial void LogGaveUp(ILogger logger, int attempts, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live chat message could not be delivered to {Where}")]
    private static partial void LogNotRelayed(ILogger logger, Exception exception, string where);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A colleague's live chat message was delivered but could not be logged in the transcript")]
    private static partial void LogNotLogged(ILogger logger, Exception exception);
}
