namespace PartnerBot.Tests.Protocol;

/// <summary>The Connector reply and retry contract on the embedded SQLite store.</summary>
public sealed class ConnectorReplyTests : ConnectorReplyContract
{
    protected override IDictionary<string, string?> StorageSettings { get; } = new Dictionary<string, string?>();
}
