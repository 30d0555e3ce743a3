using System.Globalization;
using System.Runtime.InteropServices;

namespace Ksplice.Apply.Kernel;

/// <summary>
/// Loading and unloading kernel modules with the finit_module and delete_module system calls (through
/// libc's <c>syscall</c>), with the kernel's error numbers turned into messages that say what to do;
/// and the list of loaded modules from /proc/modules.
/// </summary>
public static class KernelModules
{
    public const string ProcModules = "/proc/modules";

    private const long SysFinitModule = 313; // x86_64
    private const long SysDeleteModule = 176;
    private const int ONonblock = 0x800;

    /// <summary>Loads the module file with the parameters ("name=value name2=value2").</summary>
    public static void Load(string path, string parameters = "")
    {
        using var file = OpenForLoad(path);
        var ok = false;
        file.DangerousAddRef(ref ok);
        try
        {
            if (FinitModule(SysFinitModule, (int)file.DangerousGetHandle(), parameters, 0) == 0) return;
        }
        finally
        {
            if (ok) file.DangerousRelease();
        }
        var errno = Marshal.GetLastPInvokeError();
        throw new KernelModuleException($"Cannot load {path}: {Describe(errno, loading: true)}", errno);
    }

    /// <summary>Unloads a module by name; fails at once (O_NONBLOCK) when it is in use.</summary>
    public static void Unload(string name)
    {
        if (DeleteModule(SysDeleteModule, name, ONonblock) == 0) return;
        var errno = Marshal.GetLastPInvokeError();
        throw new KernelModuleException($"Cannot unload module {name}: {Describe(errno, loading: false)}", errno);
    }

    public static IReadOnlyList<LoadedModule> List(string procModules = ProcModules) =>
        ParseProcModules(File.ReadAllText(procModules));

    public static bool IsLoaded(string name, string procModules = ProcModules) =>
        List(procModules).Any(m => m.Name == name.Replace('-', '_'));

    public static IReadOnlyList<LoadedModule> ParseProcModules(string text)
    {
        var modules = new List<LoadedModule>();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 6 ||
                !long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) ||
                !int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var refs) ||
                !f[5].StartsWith("0x", StringComparison.Ordinal) ||
                !ulong.TryParse(f[5].AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var address))
                throw new FormatException($"/proc/modules:{lineNumber}: cannot parse '{line}'");
            var usedBy = f[3] == "-" ? [] : f[3].Split(',', StringSplitOptions.RemoveEmptyEntries);
            var taints = f.Length > 6 ? f[6].Trim('(', ')') : "";
            modules.Add(new LoadedModule(f[0], size, refs, usedBy, f[4], address, taints));
        }
        return modules;
    }

    /// <summary>What an errno from finit_module or delete_module means, and what to do about it.</summary>
    public static string Describe(int errno, bool loading) => (errno, loading) switch
    {
        (1, _) => "operation not permitted (EPERM): run as root; module loading may be disabled " +
                  "(kernel.modules_disabled) or forbidden by lockdown or secure boot",
        (2, true) => "unknown symbol in module or unknown parameter (ENOENT): it was built for another kernel " +
                     "or needs a module that is not loaded; see dmesg",
        (2, false) => "no such module is loaded (ENOENT)",
        (8, true) => "invalid module format (ENOEXEC): not built for the running kernel (check vermagic); see dmesg",
        (9, _) => "bad file descriptor (EBADF)",
        (11, false) or (16, false) => "the module is in use (EBUSY): undo the update, or unload its users, first",
        (12, _) => "out of memory (ENOMEM)",
        (13, true) => "permission denied (EACCES): the file must be a regular file on a filesystem that allows execution",
        (14, _) => "bad address (EFAULT)",
        (16, true) => "busy (EBUSY): the module is being loaded or unloaded right now",
        (17, true) => "a module of that name is already loaded (EEXIST)",
        (22, true) => "invalid argument (EINVAL): a bad parameter, or the module's init function failed; see dmesg",
        (22, false) => "invalid argument (EINVAL)",
        (26, true) => "text file busy (ETXTBSY): the file is open for writing",
        (27, true) => "file too big (EFBIG)",
        (38, _) => "the kernel does not support loading modules (ENOSYS)",
        (61, true) => "the module is signed with a key the kernel does not know (ENODATA)",
        (74, true) => "the module's signature is malformed (EBADMSG)",
        (129, true) => "the module's signature was rejected (EKEYREJECTED)",
        _ => $"error {errno} ({Marshal.GetPInvokeErrorMessage(errno)})",
    };

    private static Microsoft.Win32.SafeHandles.SafeFileHandle OpenForLoad(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KernelModuleException($"Cannot load {path}: {e.Message}", 2);
        }
    }

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static extern long FinitModule(long number, int fd, [MarshalAs(UnmanagedType.LPUTF8Str)] string parameters, int flags);

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static extern long DeleteModule(long number, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int flags);
}
