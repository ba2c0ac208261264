using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Protocol;

/// <summary>Bad input gets a clear error and runs no turn; odd but valid input is handled without losing anything.</summary>
public sealed class MessagesEndpointTests : IDisposable
{
    private readonly PartnerBotApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Malformed_json_is_a_400_problem_that_says_why()
    {
        using var response = await Post("""{"type":"message", "conversation": {"id": "c1"}, "text": "unterminated""");

        await AssertProblem(response, HttpStatusCode.BadRequest, "not a valid activity");
    }

    [Theory]
    [InlineData("""{"conversation":{"id":"c1"},"text":"hi","deliveryMode":"expectReplies"}""", "no 'type'")]
    [InlineData("""{"type":"message","text":"hi","deliveryMode":"expectReplies"}""", "no 'conversation.id'")]
    [InlineData("""{"type":"message","conversation":{"id":"  "},"deliveryMode":"expectReplies"}""", "no 'conversation.id'")]
    [InlineData("""{"type":"message","conversation":{"id":"c1"},"text":"hi"}""", "serviceUrl")]
    [InlineData("""[1,2,3]""", "not a valid activity")]
    [InlineData("""null""", "not a JSON object")]
    [InlineData("", "empty")]
    public async Task Activities_missing_what_a_turn_needs_are_400(string body, string expected)
    {
        using var response = await Post(body);

        await AssertProblem(response, HttpStatusCode.BadRequest, expected);
    }

    [Fact]
    public async Task A_body_over_256_KB_is_413_and_runs_no_turn()
    {
        var chat = _app.Chat();
        var activity = chat.NewMessage(new string('x', 300 * 1024));

        using var response = await chat.PostAsync(activity);

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "256 KB");
        Assert.Empty(await _app.Store.Transcripts.GetTranscriptAsync(chat.ConversationId, default));
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_while_reading()
    {
        var json = JsonSerializer.Serialize(_app.Chat().NewMessage(new string('x', 300 * 1024)), BotJson.Options);
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_under_the_limit_is_read_whole_however_it_arrives()
    {
        // No Content-Length: the body is read into a buffer that grows as it arrives, well past its first size.
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        var text = string.Concat(Enumerable.Range(0, 12_000).Select(i => $"{i % 10}ü"));
        var json = JsonSerializer.Serialize(chat.NewMessage(text), BotJson.Options);
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)), bufferSize: 1000);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var transcript = await _app.Store.Transcripts.GetTranscriptAsync(chat.ConversationId, default);
        Assert.Contains(transcript, e => e.Activity.Text == text);
    }

    [Theory]
    [InlineData(ActivityTypes.Typing)]
    [InlineData(ActivityTypes.MessageReaction)]
    [InlineData(ActivityTypes.MessageUpdate)]
    [InlineData(ActivityTypes.MessageDelete)]
    [InlineData(ActivityTypes.EndOfConversation)]
    [InlineData("somethingInvented")]
    public async Task Other_activity_types_are_200_logged_and_unanswered(string type)
    {
        var chat = _app.Chat();

        var replies = await chat.SendAsync(chat.NewActivity(type));

        replies.ExpectNothing();
        var logged = Assert.Single(await _app.Store.Transcripts.GetTranscriptAsync(chat.ConversationId, default));
        Assert.Equal(type, logged.Activity.Type);
        Assert.Equal(TranscriptDirection.Inbound, logged.Direction);
    }

    [Fact]
    public async Task An_invoke_nobody_handles_is_501_not_an_exception()
    {
        var chat = _app.Chat();
        var invoke = chat.NewActivity(ActivityTypes.Invoke);
        invoke.Name = "composeExtension/query";

        using var response = await chat.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Whitespace_only_and_attachment_only_messages_re_ask_the_current_question()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");

        (await chat.SendAsync("   \n\t ")).Expect("Question 1 of ").Expect("what kind of organization");

        var attachmentOnly = chat.NewMessage(null);
        attachmentOnly.Attachments = [new Attachment { ContentType = "image/png", ContentUrl = "https://example.com/x.png" }];
        (await chat.SendAsync(attachmentOnly)).Expect("what kind of organization");
    }

    [Fact]
    public async Task Long_emoji_rtl_and_markup_text_is_stored_exactly_and_never_breaks_the_turn()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");
        var tricky = "שלום 🚀 <script>alert('x')</script> **bold** " + new string('ä', 10_000);

        var replies = await chat.SendAsync(tricky);

        replies.Expect("what kind of organization").ExpectNot("<script>");
        var transcript = await _app.Store.Transcripts.GetTranscriptAsync(chat.ConversationId, default);
        Assert.Contains(transcript, e => e.Activity.Text == tricky);
    }

    [Fact]
    public async Task An_answer_with_emoji_is_still_recognized()
    {
        var chat = _app.Chat();
        await chat.SendAsync("hi");
        await chat.SendAsync("yes");

        (await chat.SendAsync("Startup 🚀")).Expect("Question 2 of ");
    }

    private Task<HttpResponseMessage> Post(string body) =>
        _app.CreateClient().PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detailFragment)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains(detailFragment, problem!["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }
}
