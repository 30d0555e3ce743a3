using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ksplice.Update.Manifest;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(UpdateManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;

/// <summary>Reads and writes manifest.json (source-generated, so it survives trimming).</summary>
public static class ManifestJson
{
    public static string Serialize(UpdateManifest manifest) =>
        JsonSerializer.Serialize(manifest, ManifestJsonContext.Default.UpdateManifest);

    public static UpdateManifest Deserialize(string json, string origin)
    {
        UpdateManifest? manifest;
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("format", out var format)
                    && format.ValueKind == JsonValueKind.Number && format.GetInt32() != UpdateManifest.CurrentFormat)
                    throw new InvalidUpdateException($"{origin}: manifest format {format.GetInt32()} is not supported (this ksplice reads format {UpdateManifest.CurrentFormat}); use a matching ksplice version");
            }
            manifest = JsonSerializer.Deserialize(json, ManifestJsonContext.Default.UpdateManifest);
        }
        catch (JsonException e)
        {
            throw new InvalidUpdateException($"{origin}: manifest.json is not valid: {e.Message}");
        }
        if (manifest is null) throw new InvalidUpdateException($"{origin}: manifest.json is empty");
        if (!UpdateId.IsValid(manifest.Id))
            throw new InvalidUpdateException($"{origin}: update id '{manifest.Id}' is not valid (expected [a-z0-9_]{{1,32}})");
        return manifest;
    }
}
