using Ksplice.Update.Building;

namespace Ksplice.Update.Creation;

/// <summary>Builds ksplice_core.ko and ksplice_&lt;id&gt;.ko with kbuild against the target kernel's headers.</summary>
public static class BuildModulesStep
{
    public static BuiltModules Run(CreateContext context, BuiltUpdateObject update, string work)
    {
        var modules = new ModuleBuilder(context.Kbuild, context.Headers);
        var (coreKo, coreSymvers) = modules.BuildCore(work);
        var updateKo = modules.BuildUpdate(update.Id, update.Update, Path.Combine(work, "update"), coreSymvers);
        return new BuiltModules(coreKo, updateKo);
    }
}
