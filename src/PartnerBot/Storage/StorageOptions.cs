using System.ComponentModel.DataAnnotations;

namespace PartnerBot.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>"Sqlite" (embedded, the default) or "AzureTable".</summary>
    [Required]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The SQLite file; relative paths are under the app's content root.</summary>
    [Required]
    public string SqlitePath { get; set; } = "data/partnerbot.db";

    /// <summary>
    /// Where the generated keys are kept (<c>directline.key</c>, <c>privacy.key</c>), whatever the provider; relative
    /// paths are under the app's content root. Empty: the folder of <see cref="SqlitePath"/>.
    /// </summary>
    public string? KeysDirectory { get; set; }

    /// <summary>The SQLite write-ahead log is checkpointed and emptied when it grows past this size.</summary>
    [Range(1, 4096)]
    public int WalLimitMegabytes { get; set; } = 64;

    /// <summary>
    /// SQLite: start with an empty database although one existed at <see cref="SqlitePath"/> and is now missing. Without
    /// it such a start is refused, so a deleted or unmounted database is never silently replaced by an empty one.
    /// </summary>
    public bool AllowNewDatabase { get; set; }

    /// <summary>AzureTable: a storage account connection string (Azurite's development one works).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>AzureTable: the Table endpoint, used with the managed identity (or developer sign-in) instead of a key.</summary>
    public string? TableServiceUri { get; set; }

    /// <summary>AzureTable: prefixes every table name, so several bots can share one account.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,39}$", ErrorMessage = "Storage:TablePrefix must be a letter followed by up to 39 letters or digits.")]
    public string TablePrefix { get; set; } = "partnerbot";

    public bool IsAzureTable => string.Equals(Provider, "AzureTable", StringComparison.OrdinalIgnoreCase);
}
