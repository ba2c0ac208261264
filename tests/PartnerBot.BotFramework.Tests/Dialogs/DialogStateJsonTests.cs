using System.Text.Json;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Schema;
using PartnerBot.BotFramework.Storage;

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

    public enum Reader { Serializer, PooledFromText, PooledFromUtf8 }

    /// <summary>The ways a stack is read: by the serializer, and parsed into pooled memory as a turn reads it, from a store that keeps text or UTF-8.</summary>
    public static TheoryData<Reader> Readers => new() { Reader.Serializer, Reader.PooledFromText, Reader.PooledFromUtf8 };

    private readonly List<IDisposable> _documents = [];

    private DialogState Read(string json, Reader reader)
    {
        if (reader == Reader.Serializer) return JsonSerializer.Deserialize<DialogState>(json, BotJson.Options)!;
        var (state, document) = reader == Reader.PooledFromText
            ? DialogState.Parse(new StoreItem(json, "etag"))
            : DialogState.Parse(new StoreItem(System.Text.Encoding.UTF8.GetBytes(json), "etag"));
        if (document is not null) _documents.Add(document);
        return state;
    }

    public void Dispose() => _documents.ForEach(d => d.Dispose());

    [Theory]
    [MemberData(nameof(Readers))]
    public void A_stack_no_dialog_loaded_is_written_back_byte_for_byte(Reader reader)
    {
        var state = Read(Stored, reader);

        Assert.Equal(Stored, JsonSerializer.Serialize(state, BotJson.Options));
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void A_loaded_frame_is_written_from_what_the_dialog_left_and_the_others_as_stored(Reader reader)
    {
        var state = Read(Stored, reader);

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
    public void The_same_state_object_is_served_to_every_step_of_the_turn(Reader reader)
    {
        var state = Read(Stored, reader);
        var frame = state.Stack[0];

        var first = frame.GetState<WaterfallState<Progress>>();
        first.Values.Step = 5;

        Assert.Same(first, frame.GetState<WaterfallState<Progress>>());
        Assert.Same(first, frame.LiveState<WaterfallState<Progress>>());
        Assert.Null(state.Stack[1].LiveState<WaterfallState<Progress>>());
        Assert.Contains("\"step\":5", JsonSerializer.Serialize(state, BotJson.Options));
    }

    [Fact]
    public void A_stored_item_tells_whether_it_holds_exactly_these_bytes_in_either_form()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Stored);
        var changed = System.Text.Encoding.UTF8.GetBytes(Stored.Replace("Grüße", "Grüsse", StringComparison.Ordinal));

        foreach (var item in new[] { new StoreItem(Stored, "e"), new StoreItem((byte[])bytes.Clone(), "e") })
        {
            Assert.True(item.Holds(bytes));
            Assert.False(item.Holds(changed));
            Assert.False(item.Holds(bytes.AsSpan(0, bytes.Length - 1)));
            Assert.Equal(Stored, item.Json);
        }
        Assert.Null(new StoreItem(Stored, "e").Utf8Json);
        Assert.Equal(bytes, new StoreItem(bytes, "e").Utf8Json!.Value.ToArray());
        Assert.Equal(new StoreItem(Stored, "e"), new StoreItem(bytes, "e"));
        Assert.NotEqual(new StoreItem(Stored, "e"), new StoreItem(bytes, "f"));
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void A_frame_without_state_or_with_a_null_one_starts_from_a_new_object(Reader reader)
    {
        var state = Read("""{"stack":[{"id":"a"},{"id":"b","state":null}]}""", reader);

        Assert.Equal(0, state.Stack[0].GetState<Progress>().Step);
        Assert.Empty(state.Stack[1].GetState<Progress>().Said);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void Properties_this_version_does_not_know_are_skipped_and_not_kept(Reader reader)
    {
        var state = Read(
            """{"stack":[{"legacy":{"deep":[1,{"x":2}]},"id":"root","state":{"step":1},"note":"x"}],"version":3}""", reader);

        Assert.Equal("""{"stack":[{"id":"root","state":{"step":1}}]}""", JsonSerializer.Serialize(state, BotJson.Options));
        Assert.Equal("root", state.Stack[0].Id);
        Assert.Equal(1, state.Stack[0].GetState<Progress>().Step);
    }

    [Theory]
    [InlineData("""{"stack":[{"state":{"step":1}}]}""")]
    [InlineData("""{"stack":["root"]}""")]
    [InlineData("""{"stack":[{"id":"root","state":{"step":1}""")]
    [InlineData("""{"stack":{"id":"root"}}""")]
    [InlineData("""["root"]""")]
    public void A_malformed_stack_is_a_JSON_error_not_a_stack(string json)
    {
        foreach (var reader in Enum.GetValues<Reader>()) Assert.ThrowsAny<JsonException>(() => Read(json, reader));
    }

    [Fact]
    public void No_stored_state_or_a_null_one_is_an_empty_stack()
    {
        Assert.Empty(DialogState.Parse((StoreItem?)null).State.Stack);
        Assert.Empty(DialogState.Parse((string?)null).State.Stack);
        var (state, document) = DialogState.Parse(new StoreItem("null"u8.ToArray(), "etag"));
        using (document) Assert.Empty(state.Stack);
    }
}
