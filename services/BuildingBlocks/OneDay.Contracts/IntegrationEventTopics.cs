using System.Collections.Frozen;
using System.Text;

namespace OneDay.Contracts;

/// <summary>
/// The one place that maps an integration event type to its topic and back. The topic is the event's
/// name in kebab-case (`JobCreated` → `job-created`), so a new event needs no registration here.
/// </summary>
public static class IntegrationEventTopics
{
    private static readonly FrozenDictionary<Type, string> TopicByType = typeof(IntegrationEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(IntegrationEvent)) && !t.IsAbstract)
        .ToFrozenDictionary(t => t, t => KebabCase(t.Name));

    private static readonly FrozenDictionary<string, Type> TypeByTopic =
        TopicByType.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<Type> EventTypes => TopicByType.Keys;

    public static string Of<TEvent>()
        where TEvent : IntegrationEvent => Of(typeof(TEvent));

    public static string Of(Type eventType) =>
        TopicByType.TryGetValue(eventType, out var topic)
            ? topic
            : throw new ArgumentException($"{eventType.Name} is not an integration event of OneDay.Contracts", nameof(eventType));

    public static Type? TypeOf(string topic) => TypeByTopic.GetValueOrDefault(topic);

    private static string KebabCase(string name)
    {
        var topic = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) topic.Append('-');
            topic.Append(char.ToLowerInvariant(name[i]));
        }
        return topic.ToString();
    }
}
