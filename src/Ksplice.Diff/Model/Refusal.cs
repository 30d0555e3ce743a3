namespace Ksplice.Diff.Model;

/// <summary>A change the update cannot carry: where (object, symbol) and why.</summary>
public sealed record Refusal(string Object, string Symbol, RefusalReason Reason, string Detail)
{
    public override string ToString() => $"{Object}: {Symbol}: {RefusalText.Explain(Reason)}{(Detail.Length > 0 ? $" ({Detail})" : "")}";
}
