namespace Ksplice.Apply.Kernel;

/// <summary>The stage of a loaded update, as /sys/kernel/ksplice/&lt;id&gt;/stage reads.</summary>
public enum UpdateStage
{
    /// <summary>Registered, not applied (also after a failed apply).</summary>
    Preparing,
    Applied,

    /// <summary>Applied and undone; final: unload the update module to apply it again.</summary>
    Reversed,
}
