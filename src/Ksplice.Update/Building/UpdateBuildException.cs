namespace Ksplice.Update.Building;

/// <summary>The changes cannot be turned into an update; the message says which function or symbol and why.</summary>
public class UpdateBuildException(string message) : Exception(message);
