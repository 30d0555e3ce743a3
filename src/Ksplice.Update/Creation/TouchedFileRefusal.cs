using Ksplice.Source.Affected;

namespace Ksplice.Update.Creation;

/// <summary>The patch touches a file that a live update cannot carry (a Kconfig, a Makefile, ...).</summary>
public sealed record TouchedFileRefusal(PatchRefusal Refusal) : CreateRefusal;
