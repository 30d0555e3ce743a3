using System.Text.Json.Serialization;

namespace Ksplice.Package.Manifest;

/// <summary>What the update does with a function: replaces a running one or adds one (wire names "changed", "new").</summary>
[JsonConverter(typeof(WireEnumConverter<FunctionChangeKind>))]
public enum FunctionChangeKind
{
    [JsonStringEnumMemberName("changed")] Changed,
    [JsonStringEnumMemberName("new")] New,
}
