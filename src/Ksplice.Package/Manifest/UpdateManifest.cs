using System.Text.Json.Serialization;

namespace Ksplice.Package.Manifest;

/// <summary>manifest.json of an update (docs/DESIGN.md section 1).</summary>
public sealed record UpdateManifest
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;
    public required string Id { get; init; }
    public string Description { get; init; } = "";
    public required DateTimeOffset Created { get; init; }
    public required string Tool { get; init; }
    public required KernelIdentity Kernel { get; init; }
    public IReadOnlyList<TargetEntry> Targets { get; init; } = [];
    public IReadOnlyList<FunctionEntry> Functions { get; init; } = [];
    public IReadOnlyList<DataEntry> Data { get; init; } = [];
    public IReadOnlyList<PlaceholderEntry> Symbols { get; init; } = [];
    public IReadOnlyList<PatchEntry> Patches { get; init; } = [];

    /// <summary>
    /// The SHA-256 (lowercase hex) of every file of the package but manifest.json, by its path in the package. Written
    /// by <see cref="UpdatePackageWriter"/>; null in manifests written before the list existed.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Files { get; init; }

    /// <summary>File name of the update module inside the package (written to the JSON for readers; never read back).</summary>
    public string Module => PackageLayout.ModuleFile(Id);

    /// <summary>The objects the update changes, each with its pre object in the package.</summary>
    [JsonIgnore]
    public IEnumerable<string> Objects => Targets.SelectMany(t => t.Objects);
}
