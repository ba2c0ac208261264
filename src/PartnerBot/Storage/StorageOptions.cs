using System.ComponentModel.DataAnnotations;

namespace PartnerBot.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>"Sqlite" (embedded, the default).</summary>
    [Required]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The SQLite file; relative paths are under the app's content root.</summary>
    [Required]
    public string SqlitePath { get; set; } = "data/partnerbot.db";

    /// <summary>The SQLite write-ahead log is checkpointed and emptied when it grows past this size.</summary>
    [Range(1, 4096)]
    public int WalLimitMegabytes { get; set; } = 64;
}
