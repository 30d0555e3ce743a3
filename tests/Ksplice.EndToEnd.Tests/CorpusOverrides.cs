namespace Ksplice.EndToEnd.Tests;

/// <summary>Data/corpus-overrides.txt: corpus cases whose outcome differs from their `expect`, and why.</summary>
public static class CorpusOverrides
{
    public sealed record Override(string Name, string Outcome, string Reason);

    public static IReadOnlyDictionary<string, Override> All { get; } = Load();

    private static Dictionary<string, Override> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "corpus-overrides.txt");
        var result = new Dictionary<string, Override>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadAllLines(path))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(' ', 3);
            if (parts.Length != 3 || parts[1] != "guest-fault")
                throw new FormatException($"{path}:{number}: expected 'NAME guest-fault REASON', got '{line}'");
            result[parts[0]] = new Override(parts[0], parts[1], parts[2]);
        }
        return result;
    }
}
