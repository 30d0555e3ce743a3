namespace Ksplice.Package.Manifest;

/// <summary>
/// A hook of the patch author's (ksplice-patch.h) that the update module hands the core: its kind as the macro names it
/// ("check_apply", ...), the function it calls and the object that defines it. Listed for the people who review an update.
/// </summary>
public sealed record HookEntry(string Kind, string Function, string Object);
