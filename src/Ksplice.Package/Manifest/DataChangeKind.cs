using System.Text.Json.Serialization;

namespace Ksplice.Package.Manifest;

/// <summary>Data the update carries: a new variable, or a copy of changed read-only data (wire names "new", "copied").</summary>
[JsonConverter(typeof(WireEnumConverter<DataChangeKind>))]
public enum DataChangeKind
{
    [JsonStringEnumMemberName("new")] New,
    [JsonStringEnumMemberName("copied")] Copied,
}
