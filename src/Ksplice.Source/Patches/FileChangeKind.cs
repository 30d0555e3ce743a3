namespace Ksplice.Source.Patches;

public enum FileChangeKind
{
    Modified,
    Created,
    Deleted,
}
