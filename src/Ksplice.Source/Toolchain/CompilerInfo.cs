namespace Ksplice.Source.Toolchain;

/// <summary>The compiler command kbuild must use (<c>CC=gcc-12</c>) and the first line of its <c>--version</c>.</summary>
public sealed record CompilerInfo(string Command, string VersionText);
