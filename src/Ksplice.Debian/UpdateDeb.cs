namespace Ksplice.Debian;

/// <summary>An update package written by <see cref="UpdateDebWriter"/>: its name, the .deb, and the update's id and release.</summary>
public sealed record UpdateDeb(string Name, string Path, string Id, string Release);
