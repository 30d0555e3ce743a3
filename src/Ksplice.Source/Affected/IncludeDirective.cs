namespace Ksplice.Source.Affected;

/// <summary>One <c>#include</c> line: its argument and whether it used angle brackets.</summary>
public readonly record struct IncludeDirective(string Argument, bool Angle);
