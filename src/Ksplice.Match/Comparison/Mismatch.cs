using Ksplice.Elf.Model;

namespace Ksplice.Match.Comparison;

/// <summary>Where and why one candidate failed: the pre section and offset, and the pre and running bytes there.</summary>
internal sealed record Mismatch(MatchFailureReason Reason, ElfSection Section, int Offset, string Expected, string Running, string Detail);
