using System.Text.Json.Nodes;
using Ksplice.Apply.Kernel;
using Ksplice.Apply.Target;
using Ksplice.Package;

namespace Ksplice.Apply.Reporting;

/// <summary>
/// What ksplice-view and ksplice-uname report about the running kernel: the loaded updates, the installed updates that
/// are not applied (<c>--available</c>), and the effective release, as uptrack-uname prints it: the running release
/// followed by <c>+ksplice.ID</c> for each applied update, in the order the installed updates apply (updates applied
/// by hand from elsewhere follow, by id).
/// </summary>
public sealed class UpdateListing(ITargetKernel kernel)
{
    public const string ReleaseSeparator = "+ksplice";

    public IReadOnlyList<LoadedUpdate> Loaded() => kernel.UpdateIds().Select(id =>
    {
        var description = kernel.State.TryLoad(id, out _, out var d, out _) ? d : "";
        return new LoadedUpdate(id, kernel.Update(id).Stage, description, kernel.State.Functions(id));
    }).ToList();

    public IReadOnlyList<string> AppliedIds()
    {
        var applied = kernel.UpdateIds().Where(IsApplied).ToHashSet(StringComparer.Ordinal);
        var installed = kernel.InstalledUpdates().Select(u => u.Id).Where(applied.Contains).Distinct().ToList();
        return installed.Concat(applied.Except(installed).Order(StringComparer.Ordinal)).ToList();
    }

    /// <summary>Whether an update is applied; the stage file is root's (0600), so for another user (ksplice-uname) an update
    /// counts while it is registered: apply unloads an update it could not apply, undo one it reversed.</summary>
    private bool IsApplied(string id)
    {
        try
        {
            return kernel.Update(id).Stage == UpdateStage.Applied;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>The installed updates for the running release that are not applied, in the order they apply.</summary>
    public IReadOnlyList<InstalledUpdate> Available()
    {
        var applied = AppliedIds().ToHashSet(StringComparer.Ordinal);
        return kernel.InstalledUpdates().Where(u => !applied.Contains(u.Id)).ToList();
    }

    public string EffectiveRelease() =>
        kernel.Running.Release + string.Concat(AppliedIds().Select(id => $"{ReleaseSeparator}.{id}"));

    /// <summary>ksplice-view --json.</summary>
    public JsonObject LoadedJson() => new()
    {
        ["release"] = kernel.Running.Release,
        ["effectiveRelease"] = EffectiveRelease(),
        ["updates"] = new JsonArray(Loaded().Select(u => (JsonNode)new JsonObject
        {
            ["id"] = u.Id,
            ["description"] = u.Description,
            ["state"] = u.Stage.WireName(),
            ["functions"] = new JsonArray(u.Functions.Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.Name,
                ["target"] = f.Target,
                ["address"] = ReportJson.Hex(f.Address),
                ["trampolineOffset"] = f.TrampolineOffset,
            }).ToArray()),
        }).ToArray()),
    };

    /// <summary>ksplice-view --available --json.</summary>
    public JsonObject AvailableJson() => new()
    {
        ["release"] = kernel.Running.Release,
        ["available"] = new JsonArray(Available().Select(u => (JsonNode)new JsonObject { ["id"] = u.Id, ["update"] = u.Path }).ToArray()),
    };
}
