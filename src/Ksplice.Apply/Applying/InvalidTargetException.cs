namespace Ksplice.Apply.Applying;

/// <summary>The update cannot be used on this machine (built for another kernel, already loaded, ...); nothing was changed.</summary>
public sealed class InvalidTargetException(string message) : Exception(message);
