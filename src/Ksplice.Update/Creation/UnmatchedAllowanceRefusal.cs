using Ksplice.Types;

namespace Ksplice.Update.Creation;

/// <summary>An <c>--allow-type-change</c> name matched none of the type changes the patch makes (docs/DESIGN.md section 6).</summary>
public sealed record UnmatchedAllowanceRefusal(UnmatchedAllowance Allowance) : CreateRefusal;
