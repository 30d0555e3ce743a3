using Ksplice.Source.Kernel;
using Ksplice.Source.Process;

namespace Ksplice.Source.Toolchain;

/// <summary>
/// Checks that this machine has the compiler that built the kernel: the command is the first word of
/// <c>CONFIG_CC_VERSION_TEXT</c> and the first line of its <c>--version</c> must equal that text.
/// </summary>
public static class CompilerCheck
{
    public static CompilerInfo Check(IProcessRunner runner, KernelConfig config) =>
        TryCheck(runner, config, out var info, out var error) ? info : throw error;

    public static bool TryCheck(IProcessRunner runner, KernelConfig config, out CompilerInfo info, out CompilerMismatchException error)
    {
        info = null!;
        error = null!;
        var expected = config.CcVersionText;
        var command = config.CompilerCommand;
        if (string.IsNullOrWhiteSpace(expected) || command is null)
        {
            error = new CompilerMismatchException("", null,
                $"{config.Path} has no CONFIG_CC_VERSION_TEXT, so the kernel's compiler is unknown; use the .config the kernel was built with.");
            return false;
        }
        var result = runner.Run(ProcessSpec.Of(command, "--version"));
        if (!result.Succeeded)
        {
            error = new CompilerMismatchException(expected, null,
                $"The kernel was built by \"{expected}\", but this machine has no working '{command}' ({result.Tail(3).Trim()}); install that compiler (apt-get install {command}).");
            return false;
        }
        var found = result.StandardOutput.Split('\n')[0].Trim();
        if (found != expected)
        {
            error = new CompilerMismatchException(expected, found,
                $"The kernel was built by \"{expected}\", this machine has \"{found}\" ({command} --version); install the kernel's compiler, or the update's code will not match the running kernel.");
            return false;
        }
        info = new CompilerInfo(command, found);
        return true;
    }
}
