namespace Ksplice.Debian;

/// <summary>An update that cannot become a Debian package, or a Debian tool that failed; the message says what to do.</summary>
public sealed class UpdateDebException(string message) : Exception(message);
