using System.Text.Json;

namespace Ksplice.Package.Manifest;

/// <summary>
/// Reads and writes manifest.json. Reading refuses, naming the field, anything the rest of ksplice could trip over:
/// an unknown format, a value of the wrong type, a missing or empty field, an unsafe path, an inconsistent reference
/// (see <see cref="ManifestValidator"/>).
/// </summary>
public static class ManifestJson
{
    public static string Serialize(UpdateManifest manifest) =>
        JsonSerializer.Serialize(manifest, ManifestJsonContext.Default.UpdateManifest);

    /// <summary>The name a value has in manifest.json (e.g. "changed").</summary>
    public static string WireName(FunctionChangeKind kind) => Unquote(JsonSerializer.Serialize(kind, ManifestJsonContext.Default.FunctionChangeKind));

    public static string WireName(DataChangeKind kind) => Unquote(JsonSerializer.Serialize(kind, ManifestJsonContext.Default.DataChangeKind));

    public static string WireName(PlaceholderKind kind) => Unquote(JsonSerializer.Serialize(kind, ManifestJsonContext.Default.PlaceholderKind));

    /// <param name="json">the text of manifest.json</param>
    /// <param name="origin">the file it came from, first in every error message</param>
    public static UpdateManifest Deserialize(string json, string origin)
    {
        CheckFormat(json, origin);
        UpdateManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(json, ManifestJsonContext.Default.UpdateManifest);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            var reason = e.Message.Split(" Path: ")[0];
            throw new InvalidUpdateException(field is null
                ? $"{origin}: manifest.json is not valid: {reason}"
                : $"{origin}: manifest field '{field}' is not valid: {reason}");
        }
        if (manifest is null) throw new InvalidUpdateException($"{origin}: manifest.json is empty");
        var problems = ManifestValidator.Check(manifest);
        if (problems.Count > 0)
            throw new InvalidUpdateException($"{origin}: manifest is not valid: {string.Join("; ", problems)}");
        return manifest;
    }

    /// <summary>The format is checked first, on its own, so that a manifest from another version gets that message.</summary>
    private static void CheckFormat(string json, string origin)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null) throw new InvalidUpdateException($"{origin}: manifest.json is empty");
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidUpdateException($"{origin}: manifest.json is not valid: it is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
            if (!root.TryGetProperty("format", out var format))
                throw new InvalidUpdateException($"{origin}: manifest field 'format' is missing");
            if (format.ValueKind != JsonValueKind.Number || !format.TryGetInt32(out var number))
                throw new InvalidUpdateException($"{origin}: manifest field 'format' is not valid: {format.GetRawText()} is not a format number");
            if (number != UpdateManifest.CurrentFormat)
                throw new InvalidUpdateException($"{origin}: manifest format {number} is not supported (this ksplice reads format {UpdateManifest.CurrentFormat}); use a matching ksplice version");
        }
        catch (JsonException e)
        {
            throw new InvalidUpdateException($"{origin}: manifest.json is not valid: {e.Message}");
        }
    }

    private static string Unquote(string json) => json.Trim('"');
}
