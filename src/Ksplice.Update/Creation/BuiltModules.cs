namespace Ksplice.Update.Creation;

/// <summary>The update module kbuild made (linked against the core's Module.symvers, which the core's build produced).</summary>
public sealed record BuiltModules(string UpdateModule);
