namespace Ksplice.Elf.Special;

/// <summary>What a relocated field of a special-section entry points at.</summary>
public enum FieldRole
{
    /// <summary>The patched or annotated instruction: decides which function the entry belongs to.</summary>
    Site,
    /// <summary>Where control goes instead: jump target, exception fixup, alternative replacement.</summary>
    Target,
    /// <summary>A static key or static-call key (low bits may carry flags, see <see cref="SpecialField.FlagMask"/>).</summary>
    Key,
    /// <summary>Other data the entry refers to (a file name string, a printk index record).</summary>
    Data,
}
