namespace Ksplice.Source.Toolchain;

/// <summary>The compiler on this machine is not the one that built the kernel.</summary>
public sealed class CompilerMismatchException(string expected, string? found, string message)
    : KspliceSourceException(message)
{
    /// <summary><c>CONFIG_CC_VERSION_TEXT</c> of the kernel.</summary>
    public string Expected { get; } = expected;

    /// <summary>The first line of <c>&lt;cc&gt; --version</c> here, or null when the command is missing.</summary>
    public string? Found { get; } = found;
}
