using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>The app on Table storage in Azurite, its tables under a prefix of the test's own.</summary>
public static class AzureTableApp
{
    public static PartnerBotApplication Create(Azurite azurite, string prefix, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Storage:Provider"] = "AzureTable",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
        };
        return new PartnerBotApplication(settings: all);
    }
}
