namespace Ksplice.Source.Patches;

/// <summary>One row of <see cref="PatchFileRules"/>: a kind, what the rule matches (for messages) and the test.</summary>
public sealed record PatchFileRule(PatchFileKind Kind, string Matches, Func<string, bool> Test);
