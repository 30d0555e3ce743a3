using System.Security.Cryptography;
using System.Text;

namespace Ksplice.Source.Kernel;

/// <summary>A parsed kernel <c>.config</c>: the options that are set (<c>CONFIG_X=value</c>), in file order.</summary>
public sealed class KernelConfig
{
    /// <summary>
    /// Options that describe how and where a kernel package was built rather than what it contains. Debian's
    /// <c>/boot/config-*</c> leaves them out while the headers package's <c>.config</c> has them, so
    /// <see cref="SameKernelAs"/> ignores them.
    /// </summary>
    public static IReadOnlySet<string> BuildIdentityOptions { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "CONFIG_BUILD_SALT", "CONFIG_MODULE_SIG_ALL", "CONFIG_MODULE_SIG_KEY", "CONFIG_SYSTEM_TRUSTED_KEYS",
    };

    private readonly Dictionary<string, string> _options;

    private KernelConfig(string path, string text, Dictionary<string, string> options)
    {
        Path = path;
        Text = text;
        _options = options;
    }

    public string Path { get; }
    public string Text { get; }
    public IReadOnlyDictionary<string, string> Options => _options;

    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public string ContentHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));

    /// <summary>The compiler that built the kernel: <c>CONFIG_CC_VERSION_TEXT</c> without quotes, or null.</summary>
    public string? CcVersionText => StringValue("CONFIG_CC_VERSION_TEXT");

    /// <summary>The compiler command kbuild was run with: the first word of <see cref="CcVersionText"/> ("gcc-12").</summary>
    public string? CompilerCommand => CcVersionText?.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

    public bool IsEnabled(string option) => _options.TryGetValue(option, out var v) && v is "y" or "m";

    /// <summary>A string option's value without its quotes (<c>CONFIG_X="a"</c> gives <c>a</c>), or null when unset.</summary>
    public string? StringValue(string option)
    {
        if (!_options.TryGetValue(option, out var v)) return null;
        return v.Length >= 2 && v[0] == '"' && v[^1] == '"' ? v[1..^1].Replace("\\\"", "\"").Replace("\\\\", "\\") : v;
    }

    /// <summary>
    /// True when both configurations describe the same kernel: equal option sets, ignoring
    /// <see cref="BuildIdentityOptions"/> and options that are an empty string on one side and absent on the other.
    /// </summary>
    public bool SameKernelAs(KernelConfig other) => Differences(other).Count == 0;

    /// <summary>The options on which the two configurations differ (see <see cref="SameKernelAs"/>), sorted.</summary>
    public IReadOnlyList<string> Differences(KernelConfig other)
    {
        var names = _options.Keys.Union(other._options.Keys).Where(n => !BuildIdentityOptions.Contains(n));
        return names.Where(n => !Equivalent(_options.GetValueOrDefault(n), other._options.GetValueOrDefault(n)))
            .Order(StringComparer.Ordinal).ToList();

        static bool Equivalent(string? a, string? b) => (a ?? "\"\"") == (b ?? "\"\"");
    }

    public static KernelConfig Read(string path)
    {
        if (!File.Exists(path))
            throw new KspliceSourceException($"{path}: no such file; a kernel .config is needed here (copy /boot/config-<release> or the headers package's .config).");
        return Parse(path, File.ReadAllText(path));
    }

    public static KernelConfig Parse(string path, string text)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!line.StartsWith("CONFIG_", StringComparison.Ordinal)) continue;
            var eq = line.IndexOf('=');
            if (eq <= 0) continue;
            options[line[..eq]] = line[(eq + 1)..];
        }
        return new KernelConfig(path, text, options);
    }
}
