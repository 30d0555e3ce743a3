using System.Globalization;

namespace Ksplice.Apply.Kernel;

/// <summary>
/// A loaded update's directory, /sys/kernel/ksplice/&lt;id&gt;/ (kmod/include/ksplice_abi.h): <c>stage</c> (write
/// "applied" or "reversed"), <c>abort_cause</c>, <c>conflicts</c>, <c>debug</c>. Writing the stage does the work and
/// returns when it is done; the outcome is read back from the other files.
/// </summary>
public sealed class SysfsUpdate(string id, string root = SysfsUpdate.DefaultRoot) : IUpdateSysfs
{
    public const string DefaultRoot = SysfsFiles.Root;

    public string Id { get; } = id;

    public string Directory { get; } = Path.Combine(root, id);

    /// <summary>The update module is loaded and registered with the core.</summary>
    public bool Exists => System.IO.Directory.Exists(Directory);

    public UpdateStage Stage => UpdateStages.Parse(Read(SysfsFiles.Stage));

    public AbortCause AbortCause => AbortCauses.Parse(Read(SysfsFiles.AbortCause));

    public IReadOnlyList<StackConflict> Conflicts => ParseConflicts(Read(SysfsFiles.Conflicts));

    public string Debug => Read(SysfsFiles.Debug);

    /// <summary>Writes "applied" or "reversed" to the stage file; returns when the core is done.</summary>
    public void RequestStage(UpdateStage stage)
    {
        if (stage == UpdateStage.Preparing)
            throw new ArgumentException("An update cannot be sent back to preparing; unload it instead", nameof(stage));
        var path = Path.Combine(Directory, SysfsFiles.Stage);
        try
        {
            File.WriteAllText(path, stage.WireName() + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot write {stage.WireName()} to {path}: {e.Message}", e);
        }
    }

    /// <summary>Applies the update and reads the outcome.</summary>
    public StageResult Apply()
    {
        RequestStage(UpdateStage.Applied);
        return ReadResult();
    }

    /// <summary>Undoes the update and reads the outcome.</summary>
    public StageResult Reverse()
    {
        RequestStage(UpdateStage.Reversed);
        return ReadResult();
    }

    public StageResult ReadResult() => new(Stage, AbortCause, Conflicts, Debug);

    /// <summary>The ids of every update registered with the core.</summary>
    public static IReadOnlyList<string> List(string root = DefaultRoot) =>
        System.IO.Directory.Exists(root)
            ? System.IO.Directory.GetDirectories(root).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>
    /// Parses "comm pid symbol..." lines. A command name may contain spaces and symbols never are all digits,
    /// so the pid is the last all-digit word.
    /// </summary>
    public static IReadOnlyList<StackConflict> ParseConflicts(string text)
    {
        var conflicts = new List<StackConflict>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var pidAt = Array.FindLastIndex(words, w => w.All(char.IsAsciiDigit));
            if (pidAt < 1) throw new FormatException($"Cannot parse conflict line '{line}': expected 'comm pid symbol...'");
            conflicts.Add(new StackConflict(string.Join(' ', words[..pidAt]),
                int.Parse(words[pidAt], NumberStyles.None, CultureInfo.InvariantCulture), words[(pidAt + 1)..]));
        }
        return conflicts;
    }

    private string Read(string file)
    {
        var path = Path.Combine(Directory, file);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot read {path}: {e.Message}" + (Exists ? "" : $" (no update {Id} is loaded)"), e);
        }
    }
}
