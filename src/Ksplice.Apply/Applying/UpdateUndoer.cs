using Ksplice.Apply.Kernel;
using Ksplice.Apply.Target;

namespace Ksplice.Apply.Applying;

/// <summary>ksplice-undo: ask the core to reverse the update (the same stack check, then the saved bytes go back), then unload it.</summary>
public sealed class UpdateUndoer(ITargetKernel kernel, Action<string> log)
{
    public ApplyReport Undo(string id)
    {
        var sysfs = kernel.Update(id);
        if (!sysfs.Exists) throw new TargetRefusedException(new UpdateNotLoaded(id));
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
        kernel.UnloadModule($"ksplice_{id}");
        kernel.State.Forget(id);
        return new ApplyReport(ApplyOutcome.Applied, id);
    }
}
