using Ksplice.Update.Building;

namespace Ksplice.Update.Creation;

/// <summary>The update's id and the object with its new code.</summary>
public sealed record BuiltUpdateObject(string Id, UpdateObject Update);
