namespace Ksplice.Apply.Kernel;

/// <summary>The sysfs words for <see cref="UpdateStage"/>: <see cref="StageNames"/>, in the same order.</summary>
public static class UpdateStages
{
    public static string WireName(this UpdateStage stage) =>
        (int)stage >= 0 && (int)stage < StageNames.All.Count ? StageNames.All[(int)stage]
            : throw new ArgumentOutOfRangeException(nameof(stage), stage, null);

    public static UpdateStage Parse(string wireName)
    {
        var word = wireName.Trim();
        var index = Enumerable.Range(0, StageNames.All.Count).FirstOrDefault(i => StageNames.All[i] == word, -1);
        return index >= 0 ? (UpdateStage)index
            : throw new FormatException($"Unknown update stage '{word}' (known: {string.Join(", ", StageNames.All)})");
    }
}
