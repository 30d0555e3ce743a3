using System.Text;
using System.Text.Json.Nodes;

namespace Ksplice.Package.Tests.Fuzz;

/// <summary>Derives a hostile manifest.json text from a valid one, by one to three random mutations.</summary>
public static class ManifestMutator
{
    private const string Marker = "\u0001duplicate\u0001";

    public static readonly string[] MutationClasses =
        ["hostile value", "deleted field", "duplicated field", "unknown field", "truncation", "byte flips"];

    /// <returns>the mutations applied (from <see cref="MutationClasses"/>) and the text</returns>
    public static (IReadOnlyList<string> Classes, string Text) Mutate(string valid, Random random)
    {
        var text = valid;
        var classes = new List<string>();
        var mutations = random.Next(1, 4);
        for (var i = 0; i < mutations; i++)
        {
            (var mutation, text) = MutateOnce(text, random);
            classes.Add(mutation);
        }
        return (classes, text);
    }

    private static (string Class, string Text) MutateOnce(string text, Random random)
    {
        JsonNode? root;
        List<(JsonNode Parent, object Key)> places;
        try
        {
            root = JsonNode.Parse(text);
            places = root is null ? [] : Places(root).ToList();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException)
        {
            return ("byte flips", FlipBytes(text, random));
        }
        if (root is null || places.Count == 0) return ("byte flips", FlipBytes(text, random));
        var (parent, key) = places[random.Next(places.Count)];
        switch (random.Next(7))
        {
            case 0 or 1:
                Set(parent, key, HostileJson.Value(random));
                return ("hostile value", root.ToJsonString());
            case 2:
                if (parent is JsonObject deleteFrom) deleteFrom.Remove((string)key);
                else ((JsonArray)parent).RemoveAt((int)key);
                return ("deleted field", root.ToJsonString());
            case 3:
                if (parent is JsonArray array)
                {
                    array.Insert((int)key, array[(int)key]?.DeepClone());
                    return ("duplicated field", root.ToJsonString());
                }
                var duplicateIn = (JsonObject)parent;
                var name = (string)key;
                var original = duplicateIn[name]?.ToJsonString() ?? "null";
                duplicateIn[name] = Marker;
                var second = HostileJson.Value(random)?.ToJsonString() ?? "null";
                var quoted = System.Text.Json.JsonSerializer.Serialize(name);
                var markerText = System.Text.Json.JsonSerializer.Serialize(Marker);
                return ("duplicated field", root.ToJsonString().Replace($"{quoted}:{markerText}", random.Next(2) == 0
                    ? $"{quoted}:{original},{quoted}:{second}"
                    : $"{quoted}:{second},{quoted}:{original}", StringComparison.Ordinal));
            case 4:
                if (parent is JsonObject addTo) addTo["unknown" + random.Next(100)] = HostileJson.Value(random);
                return ("unknown field", root.ToJsonString());
            case 5:
                return ("truncation", text[..random.Next(text.Length + 1)]);
            default:
                return ("byte flips", FlipBytes(text, random));
        }
    }

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (parent is JsonObject o) o[(string)key] = value;
        else ((JsonArray)parent)[(int)key] = value;
    }

    /// <summary>Every (container, key or index) in the document, the root's own fields included.</summary>
    private static IEnumerable<(JsonNode Parent, object Key)> Places(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    yield return (o, name);
                    if (child is not null) foreach (var p in Places(child)) yield return p;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, i);
                    if (a[i] is { } child) foreach (var p in Places(child)) yield return p;
                }
                break;
        }
    }

    private static string FlipBytes(string text, Random random)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length == 0) return text;
        var flips = random.Next(1, 9);
        for (var i = 0; i < flips; i++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        return Encoding.UTF8.GetString(bytes);
    }
}
