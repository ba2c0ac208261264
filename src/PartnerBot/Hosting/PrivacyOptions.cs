namespace PartnerBot.Hosting;

public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Key for hashing the ids of prospects who declined consent. When absent, a key file is generated.</summary>
    public string? UserIdHashKey { get; set; }

    /// <summary>
    /// Where the generated key file lives; by default beside the database. Pointing it outside the data folder
    /// keeps the key out of that folder's backups, so a leaked backup cannot be used to test guesses of user ids.
    /// </summary>
    public string? UserIdHashKeyPath { get; set; }
}
