namespace Ksplice.Package;

/// <summary>An update tarball or directory that cannot be used: corrupt, foreign, unsafe or for another kernel.</summary>
public sealed class InvalidUpdateException(string message) : Exception(message);
