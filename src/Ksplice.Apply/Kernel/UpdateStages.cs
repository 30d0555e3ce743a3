namespace Ksplice.Apply.Kernel;

/// <summary>The sysfs words for <see cref="UpdateStage"/>.</summary>
public static class UpdateStages
{
    public static string WireName(this UpdateStage stage) => stage switch
    {
        UpdateStage.Preparing => "preparing",
        UpdateStage.Applied => "applied",
        UpdateStage.Reversed => "reversed",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    public static UpdateStage Parse(string wireName) => wireName.Trim() switch
    {
        "preparing" => UpdateStage.Preparing,
        "applied" => UpdateStage.Applied,
        "reversed" => UpdateStage.Reversed,
        var other => throw new FormatException($"Unknown update stage '{other}' (known: preparing, applied, reversed)"),
    };
}
