namespace Ksplice.Elf.IO;

/// <summary>
/// The number of each problem the ELF reader and the special-section reader report (LibObjectFile's DiagnosticId
/// scheme: errors from 100, warnings from 500). Numbers are stable: add new ones at the end of their range.
/// </summary>
public enum ElfDiagnosticId
{
    // Errors: the file cannot be used.
    TruncatedHeader = 100,
    BadMagic = 101,
    UnsupportedClass = 102,
    UnsupportedEncoding = 103,
    UnsupportedMachine = 104,
    BadProgramHeaderEntrySize = 105,
    ProgramHeaderTableOutsideFile = 106,
    BadSectionHeaderEntrySize = 107,
    SectionHeaderTableOutsideFile = 108,
    SectionNameTableOutOfRange = 109,
    SectionOutsideFile = 110,
    SectionOverlapsHeaders = 111,
    SectionsOverlap = 112,
    StringOffsetOutOfRange = 113,
    StringNotTerminated = 114,
    LinkOutOfRange = 115,
    RelWithoutAddend = 116,
    RelocationTargetOutOfRange = 117,
    BadEntrySize = 118,
    EntrySizeDoesNotDivideSize = 119,
    RelocationSymbolOutOfRange = 120,
    UnsupportedRelocationType = 121,
    RelocationOutsideSection = 122,
    BadGroupSize = 123,
    GroupMemberOutOfRange = 124,
    SymbolSectionOutOfRange = 125,
    MissingExtendedSectionIndex = 126,

    /// <summary>Counts the problems found past <see cref="ElfDiagnosticBag.MaximumKept"/>: an error when any of them is.</summary>
    MoreProblems = 127,
    NamesTooLong = 128,

    // Warnings: the file is read, part of it is not understood.
    RelocationsAgainstOtherTable = 500,
    SpecialSectionSizeNotMultiple = 501,
    SpecialFieldWithoutRelocation = 502,
    PatchSiteWithoutLength = 503,
}
