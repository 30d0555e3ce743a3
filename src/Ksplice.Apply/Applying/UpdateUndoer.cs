using Ksplice.Apply.Kernel;

namespace Ksplice.Apply.Applying;

/// <summary>ksplice-undo: ask the core to reverse the update (the same stack check, then the saved bytes go back), then unload it.</summary>
public sealed class UpdateUndoer(Action<string> log)
{
    public ApplyReport Undo(string id, string sysfsRoot = SysfsUpdate.DefaultRoot, string stateRoot = AppliedUpdateStore.DefaultRoot)
    {
        var sysfs = new SysfsUpdate(id, sysfsRoot);
        if (!sysfs.Exists)
            throw new InvalidTargetException($"no ksplice update {id} is loaded (ksplice-view lists the loaded updates)");
        if (sysfs.Stage == UpdateStage.Applied)
        {
            log($"Reversing update {id} (stop_machine)");
            var result = sysfs.Reverse();
            if (!result.Reached(UpdateStage.Reversed))
            {
                return new ApplyReport(ApplyOutcome.Aborted, id)
                {
                    Cause = result.AbortCause == AbortCause.Ok ? AbortCause.Unexpected : result.AbortCause,
                    Conflicts = result.Conflicts,
                    Debug = result.Debug,
                };
            }
        }
        KernelModules.Unload($"ksplice_{id}");
        new AppliedUpdateStore(stateRoot).Forget(id);
        return new ApplyReport(ApplyOutcome.Applied, id);
    }
}
