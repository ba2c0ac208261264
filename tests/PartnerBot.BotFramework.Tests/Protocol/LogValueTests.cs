using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Tests.Protocol;

public sealed class LogValueTests
{
    [Theory]
    [InlineData("msteams", "msteams")]
    [InlineData("web\nchat 200 OK forged line", "web?chat 200 OK forged line")]
    [InlineData("a\u202Eb\u0000c", "a?b?c")]
    [InlineData(null, null)]
    public void Request_values_lose_control_characters(string? value, string? expected) => Assert.Equal(expected, LogValue.Clean(value));

    [Fact]
    public void Long_values_are_capped()
    {
        var cleaned = LogValue.Clean(new string('x', 10_000))!;

        Assert.Equal(LogValue.MaxLength + 1, cleaned.Length);
        Assert.EndsWith("…", cleaned);
    }
}
