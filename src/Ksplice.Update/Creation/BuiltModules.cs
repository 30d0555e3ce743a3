namespace Ksplice.Update.Creation;

/// <summary>The .ko files kbuild made: the core module and the update module.</summary>
public sealed record BuiltModules(string CoreModule, string UpdateModule);
