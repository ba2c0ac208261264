using PartnerBot.Storage;

namespace PartnerBot.Sales.Workspace;

/// <summary>Who is using the workspace: the person (for owners, notes and the audit log) and how they got in.</summary>
public sealed record SalesUser(SalesPerson Person, bool LocalMode)
{
    public static SalesUser Local { get; } = new(new SalesPerson("local", "Local user"), LocalMode: true);
}
