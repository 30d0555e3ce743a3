using System.Formats.Tar;

namespace Ksplice.Package.Tests.Fuzz;

/// <summary>One entry of a tarball to write: its type, its name, its link target and its contents.</summary>
public sealed record TarEntrySpec(TarEntryType Type, string Name, byte[] Content, string? LinkName = null);
