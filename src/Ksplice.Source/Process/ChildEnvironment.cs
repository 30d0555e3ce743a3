namespace Ksplice.Source.Process;

/// <summary>
/// The environment every child process starts with, built here rather than inherited: PATH is <see cref="CommandPath.SearchPath"/>,
/// the locale is C, HOME, TMPDIR and TERM are kept only when they look sane. Nothing else of the caller's reaches kbuild or
/// gcc (ARCH, CROSS_COMPILE, KCFLAGS, CPATH, GCC_EXEC_PREFIX, KBUILD_*, MAKEFLAGS, GIT_*, LD_PRELOAD, ...).
/// </summary>
public static class ChildEnvironment
{
    public static IReadOnlyDictionary<string, string> Build(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = CommandPath.SearchPath,
            ["LANG"] = "C",
            ["LC_ALL"] = "C",
            ["HOME"] = IsExistingAbsoluteDirectory(read("HOME")) ? read("HOME")! : "/",
        };
        if (IsExistingAbsoluteDirectory(read("TMPDIR"))) env["TMPDIR"] = read("TMPDIR")!;
        if (read("TERM") is { Length: > 0 and < 64 } term && term.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '+'))
            env["TERM"] = term;
        return env;
    }

    private static bool IsExistingAbsoluteDirectory(string? path) =>
        path is { Length: > 0 } && Path.IsPathRooted(path) && !path.Contains("..", StringComparison.Ordinal) && Directory.Exists(path);
}
