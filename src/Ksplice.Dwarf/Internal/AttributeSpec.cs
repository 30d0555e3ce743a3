namespace Ksplice.Dwarf.Internal;

/// <summary>One attribute of an abbreviation: its name, form and (for DW_FORM_implicit_const) its value.</summary>
internal readonly record struct AttributeSpec(DwarfAttribute Attribute, DwarfForm Form, long ImplicitConst);
