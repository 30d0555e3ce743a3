namespace Ksplice.Match;

/// <summary>Two places imply different values for the same symbol.</summary>
public sealed record LearnConflict(SymbolKey Key, LearntValue First, LearntValue Second)
{
    public string Message => $"{Key} is 0x{First.Value:x} according to {First.Place} but 0x{Second.Value:x} according to {Second.Place}";
}
