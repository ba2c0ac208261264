using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;

namespace PartnerBot.Advisor.Questionnaire;

/// <summary>
/// Where a question's answer lives, named after it: <c>AnswerSlot.Of(a =&gt; a.Maturity)</c> reads and writes
/// <see cref="Assessment.Maturity"/> and gives the question its stable name, "maturity". One accessor, so
/// the name and the property cannot drift apart.
/// </summary>
/// <typeparam name="TStored">The property's type: a nullable option value, or a nullable list of them.</typeparam>
public sealed class AnswerSlot<TStored>(string name, Func<Assessment, TStored> get, Action<Assessment, TStored> set)
{
    public string Name { get; } = name;

    public TStored Get(Assessment assessment) => get(assessment);

    public void Set(Assessment assessment, TStored value) => set(assessment, value);
}

public static class AnswerSlot
{
    public static AnswerSlot<T?> Of<T>(Expression<Func<Assessment, T?>> property) where T : struct => Create(property);

    public static AnswerSlot<List<T>?> Of<T>(Expression<Func<Assessment, List<T>?>> property) where T : struct => Create(property);

    private static AnswerSlot<TStored> Create<TStored>(Expression<Func<Assessment, TStored>> property)
    {
        var member = property.Body as MemberExpression ?? (property.Body as UnaryExpression)?.Operand as MemberExpression;
        if (member?.Member is not PropertyInfo info || member.Expression is not ParameterExpression)
            throw new ArgumentException("An answer slot names one property of the assessment, as in a => a.Maturity.", nameof(property));
        var getter = property.Compile();
        return new AnswerSlot<TStored>(JsonNamingPolicy.CamelCase.ConvertName(info.Name), getter, (a, v) => info.SetValue(a, v));
    }
}
