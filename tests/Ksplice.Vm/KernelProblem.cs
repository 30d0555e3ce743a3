namespace Ksplice.Vm;

/// <summary>
/// One problem found in the console log: the offending line, the lines after it (the splat), and the
/// scenario case that was running when it appeared (from the @@BEGIN/@@END markers in the kernel log).
/// </summary>
public sealed record KernelProblem(KernelProblemKind Kind, string Line, IReadOnlyList<string> Context, string? Case)
{
    public override string ToString() =>
        $"{Kind}{(Case is null ? "" : $" during case {Case}")}: {Line}" +
        (Context.Count == 0 ? "" : "\n    " + string.Join("\n    ", Context));
}
