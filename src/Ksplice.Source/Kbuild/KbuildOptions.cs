using Ksplice.Source.Kernel;
using Ksplice.Source.Toolchain;

namespace Ksplice.Source.Kbuild;

/// <summary>
/// What every make invocation in a source tree gets: the compiler command (<c>CC=gcc-12</c>), the target's release
/// (<c>KERNELRELEASE=6.1.0-56-amd64</c>, so the tree does not report its own 6.1.192), the job count, and
/// <see cref="ObjectCflags"/> so each function and data item gets its own section. Prepare uses the same flags, so
/// later single-object builds do not redo prepare steps (bounds.s, asm-offsets.s) whose command line would differ.
/// </summary>
public sealed record KbuildOptions(string Cc, string KernelRelease, int Jobs)
{
    public const string ObjectCflags = "-ffunction-sections -fdata-sections";

    public static KbuildOptions For(CompilerInfo compiler, HeadersDir headers, int jobs) =>
        new(compiler.Command, headers.Release, jobs);

    /// <summary>The variables passed on make's command line for builds inside a source tree.</summary>
    public IReadOnlyList<string> TreeVariables => [$"CC={Cc}", $"KERNELRELEASE={KernelRelease}", $"KCFLAGS={ObjectCflags}"];
}
