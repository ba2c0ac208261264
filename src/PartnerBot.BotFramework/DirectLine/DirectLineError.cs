namespace PartnerBot.BotFramework.DirectLine;

/// <summary>Direct Line's error body: <c>{"error": {"code": "…", "message": "…"}}</c>.</summary>
public sealed record DirectLineError(DirectLineErrorDetail Error)
{
    public static DirectLineError Of(string code, string message) => new(new DirectLineErrorDetail(code, message));
}

public sealed record DirectLineErrorDetail(string Code, string Message);
