using System.ComponentModel.DataAnnotations;

namespace PartnerBot.Site;

/// <summary>Section <c>Site</c>: how the chat page looks for the partner.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    [Required]
    public string Name { get; set; } = "PartnerBot";

    public string Headline { get; set; } = "Find the right development partner for your medical device";

    public string Tagline { get; set; } = "Development and manufacturing advice in a few minutes";

    [RegularExpression("^#[0-9a-fA-F]{6}$", ErrorMessage = "Site:AccentColor must look like #0a6ebd.")]
    [ReadableWithWhite]
    public string AccentColor { get; set; } = "#0a6ebd";

    /// <summary>Shown in the bot's avatar when there is no image.</summary>
    [StringLength(3)]
    public string BotAvatarInitials { get; set; } = "PB";

    /// <summary>An https image for the bot's avatar (optional).</summary>
    public string? BotAvatarUrl { get; set; }
}
