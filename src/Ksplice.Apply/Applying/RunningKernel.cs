namespace Ksplice.Apply.Applying;

/// <summary>The kernel this process runs on: `uname -r` and `uname -v`, from /proc/sys/kernel.</summary>
public sealed record RunningKernel(string Release, string Version)
{
    public static RunningKernel Read(string procRoot = "/proc") => new(
        File.ReadAllText(Path.Combine(procRoot, "sys/kernel/osrelease")).Trim(),
        File.ReadAllText(Path.Combine(procRoot, "sys/kernel/version")).Trim());
}
