using System.Diagnostics;
using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;
using Ksplice.Apply.Target;
using Ksplice.Elf.IO;
using Ksplice.Elf.Modules;
using Ksplice.Match.Symbols;
using Ksplice.Package;

namespace Ksplice.Apply.Installed;

/// <summary>
/// <c>ksplice-apply --all</c>: every update installed for the running release (<see cref="ITargetKernel.InstalledUpdates"/>),
/// in order, each applied unless it is applied already. One that fails, whether refused before loading or aborted by
/// the kernel, does not stop the ones after it: each gets its own <see cref="InstalledUpdateResult"/>.
/// </summary>
public sealed class InstalledUpdatesApplier(ITargetKernel kernel, Action<string> log)
{
    public IReadOnlyList<InstalledUpdateResult> ApplyAll()
    {
        var results = new List<InstalledUpdateResult>();
        foreach (var update in kernel.InstalledUpdates())
        {
            var clock = Stopwatch.StartNew();
            var sysfs = kernel.Update(update.Id);
            if (sysfs.Exists && sysfs.Stage == UpdateStage.Applied)
            {
                results.Add(new InstalledUpdateResult(update, clock.Elapsed) { WasApplied = true });
                continue;
            }
            log($"Applying {update.Path}");
            try
            {
                var report = new UpdateApplier(kernel, log).Apply(new ApplyRequest(update.Path));
                results.Add(new InstalledUpdateResult(update, clock.Elapsed) { Report = report });
            }
            catch (Exception e) when (e is TargetRefusedException or InvalidUpdateException or KallsymsException or KernelModuleException
                or ElfFormatException or KernelModuleFormatException or MatchInconsistentException or TrampolineOffsetMismatchException
                or IOException or UnauthorizedAccessException)
            {
                results.Add(new InstalledUpdateResult(update, clock.Elapsed) { Error = e });
            }
        }
        return results;
    }
}
