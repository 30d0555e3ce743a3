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

    /// <summary>The patch author's hooks the update module carries (empty in manifests written before hooks existed).</summary>
    public IReadOnlyList<HookEntry> Hooks { get; init; } = [];

    /// <summary>
    /// The update's functions whose address its code or data hands out (callbacks, ops tables): when any is listed, the
    /// update's code stays in memory after an undo, until the next reboot. Empty in manifests written before the list.
    /// </summary>
    public IReadOnlyList<EscapeEntry> Escapes { get; init; } = [];

    /// <summary>True when an undo reverses the update but keeps its module loaded (<see cref="Escapes"/>).</summary>
    [JsonIgnore]
    public bool KeepsCodeAfterUndo => Escapes.Count > 0;
    public IReadOnlyList<PlaceholderEntry> Symbols { get; init; } = [];
    public IReadOnlyList<PatchEntry> Patches { get; init; } = [];

    /// <summary>
    /// The SHA-256 (lowercase hex) of every file of the package but manifest.json, by its path in the package. Written
    /// by <see cref="UpdatePackageWriter"/>; null in manifests written before the list existed, which
    /// <see cref="UpdatePackage"/> refuses.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Files { get; init; }

    /// <summary>File name of the update module inside the package (written to the JSON for readers; never read back).</summary>
    public string Module => PackageLayout.ModuleFile(Id);

    /// <summary>The objects the update changes, each with its pre object in the package.</summary>
    [JsonIgnore]
    public IEnumerable<string> Objects => Targets.SelectMany(t => t.Objects);
}
