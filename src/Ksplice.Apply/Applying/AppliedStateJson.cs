using System.Text.Json.Serialization;

namespace Ksplice.Apply.Applying;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<AppliedFunction>))]
internal sealed partial class AppliedStateJson : JsonSerializerContext;
