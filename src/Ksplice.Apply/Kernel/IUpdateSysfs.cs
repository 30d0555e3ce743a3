namespace Ksplice.Apply.Kernel;

/// <summary>One loaded update's control directory, /sys/kernel/ksplice/&lt;id&gt;/ (<see cref="SysfsUpdate"/> on a real kernel).</summary>
public interface IUpdateSysfs
{
    string Id { get; }

    /// <summary>The update module is loaded and registered with the core.</summary>
    bool Exists { get; }

    UpdateStage Stage { get; }

    /// <summary>Asks the core to apply the update and reads the outcome.</summary>
    StageResult Apply();

    /// <summary>Asks the core to undo the update and reads the outcome.</summary>
    StageResult Reverse();
}
