namespace Ksplice.Elf.IO;

public enum ElfDiagnosticKind
{
    Error,
    Warning,
}
