namespace Ksplice.Diff.Tests.Cases;

/// <summary>One line of a case file: its name, where it was read, extra compiler flags, and what it expects.</summary>
public sealed record DiffCase(string Name, string File, int Line, IReadOnlyList<string> Flags, DiffExpectation Expect)
{
    public string Where => $"{File}:{Line}";

    /// <summary>xunit shows the case by its name.</summary>
    public override string ToString() => Name;
}
