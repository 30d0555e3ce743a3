using Ksplice.Source.Affected;

namespace Ksplice.Update.Creation;

/// <summary>The affected objects after the build (headers' users confirmed by the compiler's dependency lists), and the
/// object paths that were built in both trees; none when no object really depends on the changed headers.</summary>
public sealed record BuiltObjects(AffectedObjectSet Affected, IReadOnlyList<string> Objects);
