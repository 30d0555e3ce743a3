using Ksplice.Package;
using Ksplice.Update.Building;

namespace Ksplice.Update.Creation;

/// <summary>Chooses the update's id and builds update.o: the new code, its special-section entries and placeholders.</summary>
public static class BuildUpdateObjectStep
{
    public static BuiltUpdateObject Run(CreateContext context, IReadOnlyList<TargetedDiff> diffs)
    {
        var id = context.Request.Id ?? UpdateId.NewRandom();
        if (!UpdateId.IsValid(id)) throw new UpdateBuildException($"--id={id}: an update id is {UpdateId.Rule}");
        context.Progress.Step("Building the update module");
        var update = UpdateObjectBuilder.Build(diffs, ExportTable.Load(context.Headers.ModuleSymversPath).WithCoreExports());
        if (update.Patches.Count == 0 && update.Functions.Count > 0 && update.Hooks.Count == 0)
            context.Progress.Warning("the patch only adds code that nothing in the running kernel calls; the update changes no behaviour");
        return new BuiltUpdateObject(id, update);
    }
}
