using Ksplice.Package.Manifest;

namespace Ksplice.Debian;

/// <summary>
/// The Debian name of an update package, <c>ksplice-update-&lt;release&gt;-&lt;id&gt;</c>: Debian package names have no
/// '_', so an id's '_' becomes '-' (ids have no '-', so no two ids share a name).
/// </summary>
public static class UpdateDebName
{
    public const string Prefix = "ksplice-update-";

    public static string Of(string release, string id)
    {
        var name = $"{Prefix}{release}-{id.Replace('_', '-')}";
        return IsValid(name) ? name
            : throw new UpdateDebException($"'{name}' is not a Debian package name (lowercase letters, digits, '+', '-', '.'): kernel release '{release}' cannot be part of one");
    }

    public static string Of(UpdateManifest manifest) => Of(manifest.Kernel.Release, manifest.Id);

    /// <summary>The file dpkg-deb writes: NAME_REVISION_amd64.deb.</summary>
    public static string FileName(string name, int revision) => $"{name}_{revision}_amd64.deb";

    public static bool IsValid(string name) =>
        name.Length >= 2 && (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0]))
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '+' or '-' or '.');
}
