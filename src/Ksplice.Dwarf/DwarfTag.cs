namespace Ksplice.Dwarf;

/// <summary>The DWARF tags the type check looks at (DWARF 5, section 7.5.3); others keep their numeric value.</summary>
public enum DwarfTag : ushort
{
    ArrayType = 0x01,
    ClassType = 0x02,
    EnumerationType = 0x04,
    FormalParameter = 0x05,
    LexicalBlock = 0x0b,
    Member = 0x0d,
    PointerType = 0x0f,
    CompileUnit = 0x11,
    StructureType = 0x13,
    SubroutineType = 0x15,
    Typedef = 0x16,
    UnionType = 0x17,
    UnspecifiedParameters = 0x18,
    Variant = 0x19,
    InlinedSubroutine = 0x1d,
    SubrangeType = 0x21,
    BaseType = 0x24,
    ConstType = 0x26,
    Enumerator = 0x28,
    Subprogram = 0x2e,
    Variable = 0x34,
    VolatileType = 0x35,
    RestrictType = 0x37,
    AtomicType = 0x47,
    CallSite = 0x48,
}
