using System.Text.Json.Serialization;

namespace Ksplice.Package.Manifest;

/// <summary>Source-generated (so it survives trimming) and strict: nulls where the types allow none, missing
/// constructor values and repeated properties are errors.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never, RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(UpdateManifest))]
[JsonSerializable(typeof(FunctionChangeKind))]
[JsonSerializable(typeof(DataChangeKind))]
[JsonSerializable(typeof(PlaceholderKind))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
