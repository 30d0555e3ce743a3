using Ksplice.Corpus;

namespace Ksplice.EndToEnd.Tests;

/// <summary>
/// An update of vmlinux and of a module with tracepoints (issue 9.2): /proc/cmdline shows "ksplice_partial=1", and xfs's
/// xfs_fs_sync_fs, whose tracepoint is a static key and a static call in xfs, warns when the log force fails. Applied with
/// --partial while xfs is not loaded, the update module's tables name xfs's keys.
/// </summary>
public static class PartialTracepointsUpdate
{
    public const string Id = "partial_tracepoints";

    private const string Patch = """
        --- a/fs/proc/cmdline.c
        +++ b/fs/proc/cmdline.c
        @@ -6,8 +6,7 @@
         
         static int cmdline_proc_show(struct seq_file *m, void *v)
         {
        -	seq_puts(m, saved_command_line);
        -	seq_putc(m, '\n');
        +	seq_printf(m, "%s ksplice_partial=1\n", saved_command_line);
         	return 0;
         }
         
        --- a/fs/xfs/xfs_super.c
        +++ b/fs/xfs/xfs_super.c
        @@ -757,8 +757,10 @@ xfs_fs_sync_fs(
         		return 0;
         
         	error = xfs_log_force(mp, XFS_LOG_SYNC);
        -	if (error)
        +	if (error) {
        +		xfs_warn(mp, "sync: log force failed: %d", error);
         		return error;
        +	}
         
         	if (laptop_mode) {
         		/*

        """;

    public static CreateRun Create() => InlinePatch.Create(Id, Patch);
}
