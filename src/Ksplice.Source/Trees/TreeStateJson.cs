using System.Text.Json.Serialization;

namespace Ksplice.Source.Trees;

/// <summary>Source-generated JSON for the small state files kept in the trees (the CLI is trimmed: no reflection).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(PrepareStamp))]
[JsonSerializable(typeof(PostTreeState))]
internal sealed partial class TreeStateJson : JsonSerializerContext;
