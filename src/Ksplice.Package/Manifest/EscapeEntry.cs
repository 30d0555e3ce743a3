namespace Ksplice.Package.Manifest;

/// <summary>
/// A function of the update whose address the update's code or data hands out (a callback, an ops table) rather than
/// calls, and where: "code of foo" or "data bar". An update with any is never unloaded after an undo (its code stays in
/// memory until the next reboot), since the running kernel may still hold the address.
/// </summary>
public sealed record EscapeEntry(string Function, string From);
