using Ksplice.Apply.Kernel;

namespace Ksplice.Apply.Applying;

/// <summary>Apply: an update with this id is loaded already, in <paramref name="Stage"/>.</summary>
public sealed record UpdateAlreadyLoaded(string Id, UpdateStage Stage) : TargetRefusal(Id);
