namespace PartnerBot.DirectLine;

/// <summary>Section <c>DirectLine</c>: the embedded Direct Line endpoint and, in production, Azure's.</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>Azure Bot Service's Direct Line secret. When set, page tokens come from Azure; it never leaves the server.</summary>
    public string? Secret { get; set; }

    /// <summary>Azure's Direct Line base address (regional endpoints differ).</summary>
    public string Endpoint { get; set; } = "https://directline.botframework.com/v3/directline";

    /// <summary>Key that signs embedded tokens; generated into the data folder when empty.</summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>A secret that may call the embedded <c>tokens/generate</c> (for server-side clients); off when empty.</summary>
    public string? EmbeddedSecret { get; set; }

    public int TokenLifetimeMinutes { get; set; } = 30;

    /// <summary>How long a visitor can come back (with their old token) and continue their conversation.</summary>
    public int ResumeWindowDays { get; set; } = 7;

    /// <summary>Activities kept per conversation for watermarks and reconnects.</summary>
    public int MaxActivitiesPerConversation { get; set; } = 500;

    public int PostsPerSecond { get; set; } = 5;

    public int PostBurst { get; set; } = 10;

    /// <summary>Frames queued for one socket before a client that does not read is disconnected.</summary>
    public int StreamBufferFrames { get; set; } = 256;

    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>Origins allowed to call <c>POST /api/directline/token</c> from their own pages (CORS).</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
