using PartnerBot.Advisor.Contact;
using PartnerBot.Advisor.Playbook;
using PartnerBot.Advisor.Questionnaire;

namespace PartnerBot.Advisor;

/// <summary>One prospect's session with the advisor: the answers, the recommendation and the lead, if any.</summary>
public sealed class AdvisorState
{
    public Assessment Assessment { get; set; } = new();
    public Recommendation? Recommendation { get; set; }
    public ContactDetails? Contact { get; set; }

    /// <summary>The latest call booked from the chat (kept, marked, when cancelled).</summary>
    public Booking.BookedMeeting? Meeting { get; set; }
}
