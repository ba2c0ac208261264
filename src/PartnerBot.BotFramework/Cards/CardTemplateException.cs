namespace PartnerBot.BotFramework.Cards;

public sealed class CardTemplateException(string message) : Exception(message);
