using System.ComponentModel.DataAnnotations;
using PartnerBot.Site;

namespace PartnerBot.Tests.Hosting;

/// <summary>The chat page's accent must be readable both ways: white text on it, and it as text on white.</summary>
public sealed class SiteOptionsTests
{
    [Theory]
    [InlineData("#0a6ebd", true)]
    [InlineData("#123456", true)]
    [InlineData("#2e89fc", false)]
    [InlineData("#0078d7", false)]
    [InlineData("#ffcc00", false)]
    public void An_accent_colour_needs_four_and_a_half_to_one_with_white(string colour, bool accepted)
    {
        var options = new SiteOptions { AccentColor = colour };
        var problems = new List<ValidationResult>();

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true);

        Assert.Equal(accepted, valid);
        if (!accepted) Assert.Contains("contrast with white", Assert.Single(problems).ErrorMessage);
    }
}
