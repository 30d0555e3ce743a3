using Ksplice.Diff.Comparison;
using Ksplice.Diff.Correlation;
using Ksplice.Diff.Indexing;
using Ksplice.Diff.Model;

namespace Ksplice.Diff;

/// <summary>
/// Everything one object comparison shares (klp-diff's <c>struct elfs</c>): both indexed objects, the correlation,
/// the comparers (which memoise), and the refusals and notes gathered by the inclusion stages.
/// </summary>
public sealed class DiffContext
{
    public DiffContext(string objectPath, DiffIndex pre, DiffIndex post, CorrelationState correlation)
    {
        ObjectPath = objectPath;
        Pre = pre;
        Post = post;
        Correlation = correlation;
        References = new ReferenceComparer(this);
        Ranges = new RangeComparer(this);
        Data = new DataComparer(this);
        Functions = new FunctionComparer(this);
    }

    public string ObjectPath { get; }
    public DiffIndex Pre { get; }
    public DiffIndex Post { get; }
    public CorrelationState Correlation { get; }

    public ReferenceComparer References { get; }
    public RangeComparer Ranges { get; }
    public DataComparer Data { get; }
    public FunctionComparer Functions { get; }

    public List<Refusal> Refusals { get; } = [];
    public List<string> Notes { get; } = [];

    public void Refuse(string symbol, RefusalReason reason, string detail) => Refusals.Add(new Refusal(ObjectPath, symbol, reason, detail));
}
