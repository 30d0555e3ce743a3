namespace Ksplice.Elf.IO;

/// <summary>
/// A problem found while reading, with its number, the file and the place ("section [12] .rela.text: entry 3").
/// Tests and callers look at <see cref="Id"/>; the message is for people.
/// </summary>
public sealed record ElfDiagnostic(ElfDiagnosticKind Kind, ElfDiagnosticId Id, string Origin, string Message)
{
    public override string ToString() =>
        $"{Origin}: {(Kind == ElfDiagnosticKind.Error ? "error" : "warning")}: ELF{(int)Id:D4}: {Message}";
}
