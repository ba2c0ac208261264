namespace PartnerBot.Hosting;

public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Key for hashing the ids of prospects who declined consent; generated beside the database when empty.</summary>
    public string? UserIdHashKey { get; set; }
}
