namespace PartnerBot.Tests.Deployment;

/// <summary>What one run of the Bicep CLI printed.</summary>
public sealed record BicepResult(int ExitCode, string Output, string Error)
{
    /// <summary>Diagnostics (warnings and errors) go to standard error, one per line.</summary>
    public IReadOnlyList<string> Diagnostics =>
        Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
