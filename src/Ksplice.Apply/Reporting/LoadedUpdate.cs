using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;

namespace Ksplice.Apply.Reporting;

/// <summary>An update registered with the core, with what ksplice-apply recorded about it (empty when nothing was).</summary>
public sealed record LoadedUpdate(string Id, UpdateStage Stage, string Description, IReadOnlyList<AppliedFunction> Functions);
