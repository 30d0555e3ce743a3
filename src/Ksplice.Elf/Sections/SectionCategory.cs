namespace Ksplice.Elf.Sections;

/// <summary>What a section holds, as the differ, the update builder and the matcher see it (see <see cref="SectionClassifier"/>).</summary>
public enum SectionCategory
{
    /// <summary>Not loaded, or never compared: debug information, notes, .comment, .discard.*, .modinfo.</summary>
    Ignored,
    /// <summary>Executable code holding functions (.text.*, .sched.text, .noinstr.text, ...).</summary>
    Code,
    /// <summary>Boot-time code, freed after boot (.init.text).</summary>
    InitCode,
    /// <summary>Code without symbols, reached only through references (.altinstr_replacement, .altinstr_aux).</summary>
    AnonymousCode,
    /// <summary>Writable data: the running kernel's instance must be used.</summary>
    Writable,
    /// <summary>Read-only data: a copy in the update is as good as the original.</summary>
    ReadOnly,
    /// <summary>Per-CPU data templates (.data..percpu*).</summary>
    PerCpu,
    /// <summary>Boot-time data, freed after boot (.init.data, .init.rodata, .initcall*, .init.setup).</summary>
    InitData,
    /// <summary>SHF_MERGE sections: strings and constants, compared by content.</summary>
    Mergeable,
    /// <summary>A table of <see cref="Ksplice.Elf.Special.SpecialSections"/>: its entries belong to functions.</summary>
    Special,
}
