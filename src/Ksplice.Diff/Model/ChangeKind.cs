namespace Ksplice.Diff.Model;

public enum ChangeKind
{
    Unchanged,
    Changed,
    New,
    Removed,
}
