namespace Ksplice.Elf.IO;

/// <summary>Collects the diagnostics of one read; the reader keeps going after an error and reports them all.</summary>
public sealed class ElfDiagnosticBag
{
    private readonly List<ElfDiagnostic> _items = [];

    public ElfDiagnosticBag(string origin)
    {
        Origin = origin;
    }

    public string Origin { get; }

    public IReadOnlyList<ElfDiagnostic> Items => _items;

    public bool HasErrors => _items.Any(d => d.Kind == ElfDiagnosticKind.Error);

    public void Error(ElfDiagnosticId id, string message) => _items.Add(new(ElfDiagnosticKind.Error, id, Origin, message));

    public void Warning(ElfDiagnosticId id, string message) => _items.Add(new(ElfDiagnosticKind.Warning, id, Origin, message));
}
