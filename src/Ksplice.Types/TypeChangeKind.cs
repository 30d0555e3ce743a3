namespace Ksplice.Types;

/// <summary>What kind of thing changed in a way code or data outside the update can observe.</summary>
public enum TypeChangeKind
{
    /// <summary>A struct or union's size, member offsets, bit-fields or member types.</summary>
    Layout,
    /// <summary>An enum whose constants changed value (or disappeared), or its underlying type.</summary>
    EnumValues,
    /// <summary>A variable with static storage whose type or size changed.</summary>
    Variable,
    /// <summary>A function's parameters or return type, while callers outside the update keep the old ones.</summary>
    Prototype,
    /// <summary>The debug information could not be read or compared, so nothing can be promised.</summary>
    Unverifiable,
}
