using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace PartnerBot.Site;

/// <summary>
/// A colour that white text on it, and it as text on white, can be read: at least 4.5:1 contrast (WCAG 2.1 AA).
/// The page uses the accent both ways (buttons, links), so a paler one stops the start instead of shipping a page
/// people cannot read.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ReadableWithWhiteAttribute : ValidationAttribute
{
    public const double MinimumContrast = 4.5;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string colour || colour.Length != 7 || colour[0] != '#'
            || !int.TryParse(colour.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
        {
            // The format is the other attribute's to report.
            return ValidationResult.Success;
        }
        var contrast = 1.05 / (Luminance(rgb) + 0.05);
        return contrast >= MinimumContrast
            ? ValidationResult.Success
            : new ValidationResult($"Site:AccentColor {colour} has {contrast:F2}:1 contrast with white; at least {MinimumContrast}:1 is needed to read it (try a darker shade).",
                [validationContext.MemberName ?? nameof(SiteOptions.AccentColor)]);
    }

    /// <summary>WCAG relative luminance of an sRGB colour.</summary>
    public static double Luminance(int rgb)
    {
        static double Channel(int value)
        {
            var c = value / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel((rgb >> 16) & 0xff) + 0.7152 * Channel((rgb >> 8) & 0xff) + 0.0722 * Channel(rgb & 0xff);
    }
}
