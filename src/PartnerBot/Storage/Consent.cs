namespace PartnerBot.Storage;

public enum Consent
{
    /// <summary>Not asked or not answered yet.</summary>
    Unknown,
    Granted,
    Declined,
}
