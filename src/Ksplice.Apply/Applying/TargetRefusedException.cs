namespace Ksplice.Apply.Applying;

/// <summary>The update cannot be used on this machine (<see cref="Refusal"/> says why); nothing was changed.</summary>
public sealed class TargetRefusedException(TargetRefusal refusal) : Exception(refusal.ToString())
{
    public TargetRefusal Refusal { get; } = refusal;
}
