namespace Ksplice.Dwarf;

/// <summary>The DWARF attributes the type check reads (DWARF 5, section 7.5.4).</summary>
public enum DwarfAttribute : ushort
{
    Sibling = 0x01,
    Location = 0x02,
    Name = 0x03,
    ByteSize = 0x0b,
    BitOffset = 0x0c,
    BitSize = 0x0d,
    StmtList = 0x10,
    LowPc = 0x11,
    HighPc = 0x12,
    Language = 0x13,
    CompDir = 0x1b,
    ConstValue = 0x1c,
    Inline = 0x20,
    UpperBound = 0x2f,
    AbstractOrigin = 0x31,
    Count = 0x37,
    DataMemberLocation = 0x38,
    DeclFile = 0x3a,
    DeclLine = 0x3b,
    Declaration = 0x3c,
    Encoding = 0x3e,
    External = 0x3f,
    Specification = 0x47,
    Type = 0x49,
    Ranges = 0x55,
    DataBitOffset = 0x6b,
    StrOffsetsBase = 0x72,
    CallOrigin = 0x7f,
}
