namespace Ksplice.Cli;

/// <summary>
/// The name the program was started by (argv[0]): .NET may report the resolved path of the executable instead, which
/// loses the ksplice-create/-apply/... symlink names, so read it from /proc/self/cmdline.
/// </summary>
public static class InvocationName
{
    public static string Read()
    {
        try
        {
            var cmdline = File.ReadAllBytes("/proc/self/cmdline");
            var end = Array.IndexOf(cmdline, (byte)0);
            return System.Text.Encoding.UTF8.GetString(cmdline, 0, end < 0 ? cmdline.Length : end);
        }
        catch (IOException)
        {
            return Environment.GetCommandLineArgs()[0];
        }
    }
}
