namespace Ksplice.Apply.Kernel;

/// <summary>What <see cref="CoreModule.EnsureLoaded"/> found or did.</summary>
public enum CoreModuleState
{
    AlreadyLoaded,
    Loaded,
}
