using Ksplice.Update.Building;

namespace Ksplice.Update.Creation;

/// <summary>Builds ksplice_&lt;id&gt;.ko with kbuild against the target kernel's headers. The core is built first, for its
/// Module.symvers only (the CRCs of ksplice_register and the rest, which the update module records in __versions): the
/// update does not carry it, the target loads its installed core.</summary>
public static class BuildModulesStep
{
    public static BuiltModules Run(CreateContext context, BuiltUpdateObject update, string work)
    {
        var modules = new ModuleBuilder(context.Kbuild, context.Headers);
        var (_, coreSymvers) = modules.BuildCore(work);
        return new BuiltModules(modules.BuildUpdate(update.Id, update.Update, Path.Combine(work, "update"), coreSymvers));
    }
}
