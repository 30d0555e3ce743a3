namespace Ksplice.Update.Building;

/// <summary>Changed functions whose trampolines would cover sites the kernel rewrites while running; each is named.</summary>
public sealed class TrampolineSiteException(IReadOnlyList<TrampolineSiteRefusal> refusals)
    : UpdateBuildException(string.Join('\n', refusals.Select(r => r.Describe())))
{
    public IReadOnlyList<TrampolineSiteRefusal> Refusals { get; } = refusals;
}
