namespace Ksplice.Match;

/// <summary>
/// Values learnt from relocated fields of matched code. A learner can be forked for a tentative match (one candidate
/// address): the fork sees its parent's values, keeps its own, and is committed into the parent only when the
/// candidate is chosen. A value that disagrees with one already known is refused and reported as a conflict that
/// names both places.
/// </summary>
public sealed class SymbolLearner
{
    private readonly SymbolLearner? _parent;
    private readonly Dictionary<SymbolKey, LearntValue> _values = [];

    public SymbolLearner()
    {
    }

    private SymbolLearner(SymbolLearner parent) => _parent = parent;

    /// <summary>Values learnt by this learner itself (not its parent's).</summary>
    public IReadOnlyDictionary<SymbolKey, LearntValue> Own => _values;

    /// <summary>A tentative learner on top of this one.</summary>
    public SymbolLearner Fork() => new(this);

    public bool TryGet(SymbolKey key, out LearntValue value)
    {
        for (var l = this; l is not null; l = l._parent)
            if (l._values.TryGetValue(key, out value!)) return true;
        value = null!;
        return false;
    }

    public ulong? Get(SymbolKey key) => TryGet(key, out var v) ? v.Value : null;

    /// <summary>Records a value; returns the conflict when a different value is already known (nothing is recorded then).</summary>
    public LearnConflict? Learn(SymbolKey key, ulong value, CodePlace place)
    {
        if (TryGet(key, out var known))
            return known.Value == value ? null : new LearnConflict(key, known, new LearntValue(value, place));
        _values[key] = new LearntValue(value, place);
        return null;
    }

    /// <summary>Moves this fork's values into its parent; returns the conflicts (values the parent learnt meanwhile).</summary>
    public IReadOnlyList<LearnConflict> Commit()
    {
        if (_parent is null) throw new InvalidOperationException("only a fork can be committed");
        var conflicts = new List<LearnConflict>();
        foreach (var (key, value) in _values)
            if (_parent.Learn(key, value.Value, value.Place) is { } c) conflicts.Add(c);
        _values.Clear();
        return conflicts;
    }
}
