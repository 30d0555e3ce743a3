using System.Runtime.CompilerServices;

namespace Ksplice.Elf.IO;

/// <summary>
/// Collects the diagnostics of one read; the reader keeps going after an error and reports them all, the first
/// <see cref="MaximumKept"/> in full. The rest are only counted, and <see cref="Items"/> ends with one
/// <see cref="ElfDiagnosticId.MoreProblems"/> saying how many: a hostile file of 16,000 section headers that each overlap
/// the ELF header would otherwise cost a line of message per header, far more memory than the file and a refusal no one
/// reads to the end. Past the limit a message given as an interpolated string is not even composed.
/// </summary>
public sealed class ElfDiagnosticBag
{
    public const int MaximumKept = 100;

    private readonly List<ElfDiagnostic> _items = [];
    private int _errors;
    private int _errorsNotKept;
    private int _warningsNotKept;

    public ElfDiagnosticBag(string origin)
    {
        Origin = origin;
    }

    public string Origin { get; }

    /// <summary>The diagnostics kept, then, when there were more, one that counts the rest.</summary>
    public IReadOnlyList<ElfDiagnostic> Items => _errorsNotKept + _warningsNotKept == 0 ? _items : [.. _items, MoreProblems()];

    public bool HasErrors => _errors > 0;

    /// <summary>Whether a further diagnostic is only counted.</summary>
    public bool IsFull => _items.Count >= MaximumKept;

    public void Error(ElfDiagnosticId id, string message) => Add(ElfDiagnosticKind.Error, id, message);

    public void Error(ElfDiagnosticId id, [InterpolatedStringHandlerArgument("")] ref MessageHandler message) =>
        Add(ElfDiagnosticKind.Error, id, message.ToStringAndClear());

    public void Warning(ElfDiagnosticId id, string message) => Add(ElfDiagnosticKind.Warning, id, message);

    public void Warning(ElfDiagnosticId id, [InterpolatedStringHandlerArgument("")] ref MessageHandler message) =>
        Add(ElfDiagnosticKind.Warning, id, message.ToStringAndClear());

    private void Add(ElfDiagnosticKind kind, ElfDiagnosticId id, string message)
    {
        if (kind == ElfDiagnosticKind.Error) _errors++;
        if (!IsFull) _items.Add(new(kind, id, Origin, message));
        else if (kind == ElfDiagnosticKind.Error) _errorsNotKept++;
        else _warningsNotKept++;
    }

    private ElfDiagnostic MoreProblems()
    {
        var counts = new[] { (_errorsNotKept, "error"), (_warningsNotKept, "warning") }
            .Where(c => c.Item1 > 0).Select(c => $"{c.Item1} more {c.Item2}{(c.Item1 == 1 ? "" : "s")}");
        return new(_errorsNotKept > 0 ? ElfDiagnosticKind.Error : ElfDiagnosticKind.Warning, ElfDiagnosticId.MoreProblems, Origin,
            $"{string.Join(" and ", counts)} not listed (only the first {MaximumKept} problems of a file are)");
    }

    /// <summary>Composes a diagnostic's message only while the bag still keeps messages.</summary>
    [InterpolatedStringHandler]
    public ref struct MessageHandler
    {
        private DefaultInterpolatedStringHandler _message;
        private readonly bool _composing;

        public MessageHandler(int literalLength, int formattedCount, ElfDiagnosticBag bag, out bool shouldAppend)
        {
            _composing = shouldAppend = !bag.IsFull;
            _message = _composing ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        }

        public void AppendLiteral(string value) => _message.AppendLiteral(value);

        public void AppendFormatted<T>(T value) => _message.AppendFormatted(value);

        public void AppendFormatted<T>(T value, string? format) => _message.AppendFormatted(value, format);

        public void AppendFormatted(string? value) => _message.AppendFormatted(value);

        internal string ToStringAndClear() => _composing ? _message.ToStringAndClear() : "";
    }
}
