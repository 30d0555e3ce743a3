using System.Text.Json;

namespace Ksplice.Source.Trees;

/// <summary>
/// What a finished prepare (--prebuild) was done with; a later prepare with equal inputs has nothing to do.
/// Kept as <c>.ksplice-prepared</c> at the top of the source tree.
/// </summary>
public sealed record PrepareStamp(string ConfigHash, string ModuleSymversHash, string Cc, string KernelRelease, string ToolVersion)
{
    public const string FileName = ".ksplice-prepared";

    public static PrepareStamp? TryRead(string tree)
    {
        var path = Path.Combine(tree, FileName);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize(File.ReadAllText(path), TreeStateJson.Default.PrepareStamp); }
        catch (JsonException) { return null; }
    }

    public void Write(string tree) => SafeFile.WriteAllTextReplacing(Path.Combine(tree, FileName), JsonSerializer.Serialize(this, TreeStateJson.Default.PrepareStamp));
}
