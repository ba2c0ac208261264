using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace PartnerBot.Sales.Workspace;

/// <summary>Record ids hold slashes and colons; in addresses they travel as base64url, which a path segment can carry.</summary>
public static class SalesKeys
{
    public static string Encode(string recordId) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(recordId));

    public static string? Decode(string key)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(key));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
