namespace Ksplice.Elf.IO;

/// <summary>The input is not an ELF file we can read; carries every diagnostic found.</summary>
public sealed class ElfFormatException(IReadOnlyList<ElfDiagnostic> diagnostics)
    : Exception(string.Join("\n", diagnostics.Where(d => d.Kind == ElfDiagnosticKind.Error)))
{
    public IReadOnlyList<ElfDiagnostic> Diagnostics { get; } = diagnostics;
}
