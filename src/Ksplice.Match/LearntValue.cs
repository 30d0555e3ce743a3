namespace Ksplice.Match;

/// <summary>A value and the first place it was learnt from.</summary>
public sealed record LearntValue(ulong Value, CodePlace Place)
{
    public override string ToString() => $"0x{Value:x} (from {Place})";
}
