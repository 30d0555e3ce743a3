namespace Ksplice.Debian;

/// <summary>
/// The maintainer scripts of an update package. postinst applies the installed updates when the kernel they were
/// built for is running (<c>ksplice-apply --all</c>: in order, this one included, honouring ksplice=off and
/// /etc/ksplice/disable) and otherwise says why nothing is applied; a failed apply is reported but does not fail the
/// install (the update stays installed, ksplice.service and <c>ksplice-view --available</c> show it). prerm undoes the
/// update when it is applied and fails the removal when the kernel refuses (an update stacked on it is still applied:
/// ksplice-undo says so). Both act only when the kernel the update was built for is running: an update applied there
/// with the same id came from another package. An upgrade to another revision of the same update keeps it applied.
/// </summary>
public static class MaintainerScripts
{
    public static string PostInst(string release, string id, string installedPath) => $$"""
        #!/bin/sh
        # postinst of the ksplice update {{id}} for Linux {{release}} (written by ksplice package)
        set -e
        if [ "$1" = configure ]; then
            running=$(uname -r)
            if [ "$running" != "{{release}}" ]; then
                echo "ksplice: update {{id}} is for kernel {{release}}, but $running is running: installed, not applied (ksplice.service applies it when {{release}} boots)"
            elif ! ksplice-apply --all; then
                echo "ksplice: update {{id}} is installed in {{installedPath}}, but the installed updates were not all applied (above); ksplice-view --available lists what is not applied" >&2
            fi
        fi
        exit 0

        """;

    public static string PreRm(string release, string id) => $$"""
        #!/bin/sh
        # prerm of the ksplice update {{id}} for Linux {{release}} (written by ksplice package)
        set -e
        if [ "$1" = remove ]; then
            running=$(uname -r)
            if [ "$running" != "{{release}}" ]; then
                echo "ksplice: update {{id}} is for kernel {{release}}, but $running is running: nothing to undo"
            elif ksplice-view --id={{id}} -q >/dev/null 2>&1 && ! ksplice-undo {{id}}; then
                echo "ksplice: update {{id}} stays applied and installed: ksplice-undo refused to reverse it (above)" >&2
                exit 1
            fi
        fi
        exit 0

        """;
}
