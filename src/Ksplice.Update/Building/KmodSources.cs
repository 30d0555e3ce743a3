using System.Reflection;

namespace Ksplice.Update.Building;

/// <summary>The kmod/ C sources, embedded in this assembly at build time.</summary>
public static class KmodSources
{
    private const string Prefix = "kmod/";

    public static IReadOnlyList<string> Files { get; } =
        typeof(KmodSources).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..]).Order(StringComparer.Ordinal).ToList();

    public static string Read(string relativePath)
    {
        using var stream = typeof(KmodSources).Assembly.GetManifestResourceStream(Prefix + relativePath)
            ?? throw new FileNotFoundException($"kmod/{relativePath} is not embedded in {typeof(KmodSources).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Writes the whole kmod/ tree under <paramref name="directory"/>.</summary>
    public static void ExtractTo(string directory)
    {
        foreach (var file in Files)
        {
            var path = Path.Combine(directory, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Read(file));
        }
    }
}
