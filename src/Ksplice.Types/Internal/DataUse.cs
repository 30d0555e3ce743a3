using Ksplice.Dwarf;

namespace Ksplice.Types.Internal;

/// <summary>A variable with static storage the object defines or refers to (globals, file statics, static locals, externs).</summary>
internal sealed record DataUse(string Name, DwarfEntry Entry, DwarfEntry? Type, bool Defined)
{
    /// <summary>The name, marked when the object only declares it (the data lives in another object).</summary>
    public string Label => Entry.IsDeclaration ? Name + " (extern)" : Name;
}
