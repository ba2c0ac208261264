using System.Text.Json;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Tests.Dialogs;

/// <summary>
/// The dialog stack as stored: frames a turn did not touch go back exactly as they came (so an unchanged stack is not
/// written again), and a frame whose state a dialog loaded goes back as that dialog left it.
/// </summary>
public sealed class DialogStateJsonTests : IDisposable
{
    private sealed class Progress
    {
        public int Step { get; set; }
        public List<string> Said { get; set; } = [];
        public string? Language { get; set; }
    }

    // As the app writes it: characters outside the basic plane escaped, the others as they are.
    private const string Stored =
        """{"stack":[{"id":"root","state":{"index":2,"asked":[0,1],"values":{"step":2,"said":["Grüße, \uD83D\uDC4B","\"quoted\""]}}},{"id":"prompt","state":{"options":{"prompt":{"type":"message","text":"Which class?"}},"attempts":1}},{"id":"empty"}]}""";

    /// <summary>The two ways a stack is read: by the serializer, and parsed into pooled memory as a turn reads it.</summary>
    public static TheoryData<bool> Readers => new() { false, true };

    private readonly List<IDisposable> _documents = [];

    private DialogState Read(string json, bool pooled)
    {
        if (!pooled) return JsonSerializer.Deserialize<DialogState>(json, BotJson.Options)!;
        var (state, document) = DialogState.Parse(json);
        if (document is not null) _documents.Add(document);
        return state;
    }

    public void Dispose() => _documents.ForEach(d => d.Dispose());

    [Theory]
    [MemberData(nameof(Readers))]
    public void A_stack_no_dialog_loaded_is_written_back_byte_for_byte(bool pooled)
    {
        var state = Read(Stored, pooled);

        Assert.Equal(Stored, JsonSerializer.Serialize(state, BotJson.Options));
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void A_loaded_frame_is_written_from_what_the_dialog_left_and_the_others_as_stored(bool pooled)
    {
        var state = Read(Stored, pooled);

        var root = state.Stack[0].GetState<WaterfallState<Progress>>();
        Assert.Equal(2, root.Index);
        Assert.Equal(["Grüße, 👋", "\"quoted\""], root.Values.Said);
        root.Index = 3;
        root.Values.Said.Add("class IIa");
        state.Stack[^1].SetState(new Progress { Language = "de" });
        state.Stack.RemoveAt(1);

        var written = JsonSerializer.Serialize(state, BotJson.Options);

        Assert.Equal(
            """{"stack":[{"id":"root","state":{"index":3,"asked":[0,1],"values":{"step":2,"said":["Grüße, \uD83D\uDC4B","\"quoted\"","class IIa"]}}},{"id":"empty","state":{"step":0,"said":[],"language":"de"}}]}""",
            written);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void The_same_state_object_is_served_to_every_step_of_the_turn(bool pooled)
    {
        var state = Read(Stored, pooled);
        var frame = state.Stack[0];

        var first = frame.GetState<WaterfallState<Progress>>();
        first.Values.Step = 5;

        Assert.Same(first, frame.GetState<WaterfallState<Progress>>());
        Assert.Same(first, frame.LiveState<WaterfallState<Progress>>());
        Assert.Null(state.Stack[1].LiveState<WaterfallState<Progress>>());
        Assert.Contains("\"step\":5", JsonSerializer.Serialize(state, BotJson.Options));
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void A_frame_without_state_or_with_a_null_one_starts_from_a_new_object(bool pooled)
    {
        var state = Read("""{"stack":[{"id":"a"},{"id":"b","state":null}]}""", pooled);

        Assert.Equal(0, state.Stack[0].GetState<Progress>().Step);
        Assert.Empty(state.Stack[1].GetState<Progress>().Said);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void Properties_this_version_does_not_know_are_skipped_and_not_kept(bool pooled)
    {
        var state = Read(
            """{"stack":[{"legacy":{"deep":[1,{"x":2}]},"id":"root","state":{"step":1},"note":"x"}],"version":3}""", pooled);

        Assert.Equal("""{"stack":[{"id":"root","state":{"step":1}}]}""", JsonSerializer.Serialize(state, BotJson.Options));
        Assert.Equal("root", state.Stack[0].Id);
        Assert.Equal(1, state.Stack[0].GetState<Progress>().Step);
    }

    [Theory]
    [InlineData("""{"stack":[{"state":{"step":1}}]}""", false)]
    [InlineData("""{"stack":["root"]}""", false)]
    [InlineData("""{"stack":[{"id":"root","state":{"step":1}""", false)]
    [InlineData("""{"stack":[{"state":{"step":1}}]}""", true)]
    [InlineData("""{"stack":["root"]}""", true)]
    [InlineData("""{"stack":[{"id":"root","state":{"step":1}""", true)]
    [InlineData("""{"stack":{"id":"root"}}""", true)]
    [InlineData("""["root"]""", true)]
    public void A_malformed_stack_is_a_JSON_error_not_a_stack(string json, bool pooled)
    {
        Assert.ThrowsAny<JsonException>(() => Read(json, pooled));
    }

    [Fact]
    public void No_stored_state_or_a_null_one_is_an_empty_stack()
    {
        Assert.Empty(DialogState.Parse(null).State.Stack);
        var (state, document) = DialogState.Parse("null");
        using (document) Assert.Empty(state.Stack);
    }
}
