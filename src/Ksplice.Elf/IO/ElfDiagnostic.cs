namespace Ksplice.Elf.IO;

public enum ElfDiagnosticKind
{
    Error,
    Warning,
}

/// <summary>A problem found while reading, with the file and the place ("section [12] .rela.text: entry 3").</summary>
public sealed record ElfDiagnostic(ElfDiagnosticKind Kind, string Origin, string Message)
{
    public override string ToString() => $"{Origin}: {(Kind == ElfDiagnosticKind.Error ? "error" : "warning")}: {Message}";
}
