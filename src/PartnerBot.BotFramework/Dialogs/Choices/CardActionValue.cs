using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Dialogs.Choices;

/// <summary>
/// What a card button sent: <c>value</c> of a message for <c>Action.Submit</c>, or <c>value.action.data</c> of an
/// <c>adaptiveCard/action</c> invoke for <c>Action.Execute</c> (Teams). Prompts read answers through this.
/// </summary>
public static class CardActionValue
{
    public const string InvokeName = "adaptiveCard/action";

    public static bool IsCardAction(Activity activity) =>
        activity.IsType(ActivityTypes.Invoke) && string.Equals(activity.Name, InvokeName, StringComparison.Ordinal);

    /// <summary>True for the activities a waiting prompt answers: messages and card actions.</summary>
    public static bool CanAnswerPrompt(Activity activity) => activity.IsType(ActivityTypes.Message) || IsCardAction(activity);

    /// <remarks>Tolerant of any shape a client may send (an <c>action</c> that is a string, a <c>value</c> that is an
    /// array): what is not the expected object is simply no answer.</remarks>
    public static JsonNode? Of(Activity activity) =>
        IsCardAction(activity) ? Action(activity)?["data"] : activity.Value;

    public static string? Verb(Activity activity) =>
        IsCardAction(activity) && Action(activity)?["verb"] is JsonValue verb && verb.TryGetValue<string>(out var text) ? text : null;

    private static JsonObject? Action(Activity activity) => (activity.Value as JsonObject)?["action"] as JsonObject;
}
