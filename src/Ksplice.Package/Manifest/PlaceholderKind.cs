using System.Text.Json.Serialization;

namespace Ksplice.Package.Manifest;

/// <summary>What a placeholder stands for in the running kernel (wire names "function", "data").</summary>
[JsonConverter(typeof(WireEnumConverter<PlaceholderKind>))]
public enum PlaceholderKind
{
    [JsonStringEnumMemberName("function")] Function,
    [JsonStringEnumMemberName("data")] Data,
}
