using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;

namespace Ksplice.Cli.Commands;

/// <summary>The message for each reason apply or undo refuses an update before touching the kernel.</summary>
public static class TargetRefusalText
{
    public static string Describe(TargetRefusal refusal) => refusal switch
    {
        BuiltForAnotherRelease r =>
            $"update {r.Id} was built for kernel {r.Built}, but this kernel is {r.Running}; build the update from this kernel's source and headers",
        BuiltForAnotherBuild r =>
            $"update {r.Id} was built for {r.Release} \"{r.BuiltVersion}\", but this kernel is \"{r.RunningVersion}\"; the headers used to build it belong to another build of this release",
        UpdateAlreadyLoaded r =>
            $"update {r.Id} is already loaded (stage {r.Stage.WireName()}); see ksplice-view --id={r.Id}, or ksplice-undo {r.Id}",
        UpdateNotLoaded r =>
            $"no ksplice update {r.Id} is loaded (ksplice-view lists the loaded updates)",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "no message for this refusal"),
    };
}
