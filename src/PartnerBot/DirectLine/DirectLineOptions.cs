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

    /// <summary>
    /// The longest a conversation can be continued, counted from its start (carried in every token): after this
    /// neither a refresh nor a returning visitor's token continues it, and the page starts a new one.
    /// </summary>
    public TimeSpan MaxConversationAge { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Activities kept per conversation for watermarks and reconnects.</summary>
    public int MaxActivitiesPerConversation { get; set; } = 500;

    /// <summary>Bytes (serialized activities) kept per conversation; the oldest go first once it is exceeded.</summary>
    public int MaxBytesPerConversation { get; set; } = 1024 * 1024;

    /// <summary>
    /// The largest activity a client may post. Azure's Direct Line refuses activities over 256K characters
    /// (serialized) and recommends staying under 150K; a visitor here types an answer or submits the contact
    /// form (well under 2 KB), so 32 KB leaves ample room while keeping what one post can cost small.
    /// </summary>
    public int MaxActivityBytes { get; set; } = 32 * 1024;

    /// <summary>At most this many activities go in one answer to a GET or one stream frame; the client continues from its watermark.</summary>
    public int PageActivities { get; set; } = 100;

    /// <summary>At most about this many bytes go in one page (a single larger activity still goes alone).</summary>
    public int PageBytes { get; set; } = 256 * 1024;

    public int PostsPerSecond { get; set; } = 5;

    public int PostBurst { get; set; } = 10;

    /// <summary>Frames queued for one socket before a client that does not read is disconnected.</summary>
    public int StreamBufferFrames { get; set; } = 256;

    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>
    /// How often an open stream reads the shared log for activities another instance appended. Empty: every
    /// second on Azure Table storage (several instances may share it), never on the embedded SQLite store; 0: never.
    /// </summary>
    public int? StreamPollMilliseconds { get; set; }

    /// <summary>Origins allowed to call <c>POST /api/directline/token</c> from their own pages (CORS).</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
