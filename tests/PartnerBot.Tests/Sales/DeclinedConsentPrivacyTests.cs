using System.Text;
using Microsoft.Data.Sqlite;
using PartnerBot.Tests.Advisor;
using PartnerBot.Tests.DirectLine;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Sales;

/// <summary>
/// A prospect who declines consent leaves nothing that identifies them in any table: not in the transcript, the
/// record, the dialog state's key, the turn ledger or the embedded Direct Line's log. Checked by reading every
/// row of every table for what they typed and who they are.
/// </summary>
public sealed class DeclinedConsentPrivacyTests : IDisposable
{
    private readonly PartnerBotApplication _app = new(settings: new Dictionary<string, string?> { ["DirectLine:PostsPerSecond"] = "1000", ["DirectLine:PostBurst"] = "1000" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task In_a_teams_group_chat()
    {
        var chat = _app.Chat(channelId: "msteams", conversationType: "groupChat", userId: "29:1bobSecretAadId", userName: "Bob Secret");

        (await AssessmentWalk.AnswerAsync(chat, ["hello, I'm Bob from Secret Devices", "no", .. AssessmentWalk.StartupConcept[2..]])).Expect("that's everything I need");

        var everything = DumpDatabase();
        Assert.DoesNotContain("Bob", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Secret", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("1bobSecretAadId", everything, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task On_the_website_through_the_embedded_direct_line()
    {
        var client = new DirectLineClient(_app.CreateClient());
        var page = await client.GetPageTokenAsync();
        var sequence = 0;
        foreach (var text in (string[])["hello, I'm Bob from Secret Devices", "no", .. AssessmentWalk.StartupConcept[2..]])
        {
            await client.PostMessageAsync(page.ConversationId, page.Token, text, $"client-{++sequence}");
        }
        var shown = await client.GetActivitiesAsync(page.ConversationId, page.Token);
        Assert.Contains(shown.Activities, a => a.From?.Role == "bot");

        var everything = DumpDatabase();
        Assert.DoesNotContain("Bob", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Secret", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(page.UserId, everything, StringComparison.Ordinal);
    }

    /// <summary>Every value of every row of every table, as text.</summary>
    private string DumpDatabase()
    {
        using var connection = new SqliteConnection($"Data Source={_app.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        Assert.Contains("turns", tables);
        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++) dump.Append(table).Append('.').Append(reader.GetName(i)).Append('=').Append(reader.GetValue(i)).Append('\n');
            }
        }
        return dump.ToString();
    }
}
