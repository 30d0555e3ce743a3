using Ksplice.Corpus;

namespace Ksplice.EndToEnd.Tests;

/// <summary>
/// An update whose new code arms a timer with a new function (issue 9.6): /proc/version starts a poll that re-arms
/// itself 100 times, 100 ms apart, and shows its count. The timer's function exists only in the update module, so an
/// undo must keep that module's code in memory while the timer still runs.
/// </summary>
public static class TimerCallbackUpdate
{
    public const string Id = "timer_callback";

    private const string Patch = """
        --- a/fs/proc/version.c
        +++ b/fs/proc/version.c
        @@ -4,11 +4,27 @@
         #include <linux/kernel.h>
         #include <linux/proc_fs.h>
         #include <linux/seq_file.h>
        +#include <linux/timer.h>
         #include <linux/utsname.h>
         #include "internal.h"
         
        +static void version_poll(struct timer_list *t);
        +static DEFINE_TIMER(version_poll_timer, version_poll);
        +static unsigned int version_polls;
        +
        +static void version_poll(struct timer_list *t)
        +{
        +	if (++version_polls < 100)
        +		mod_timer(&version_poll_timer, jiffies + HZ / 10);
        +	else
        +		pr_info("ksplice-timer-callback: polled %u times\n", version_polls);
        +}
        +
         static int version_proc_show(struct seq_file *m, void *v)
         {
        +	if (!version_polls && !timer_pending(&version_poll_timer))
        +		mod_timer(&version_poll_timer, jiffies + HZ / 10);
        +	seq_printf(m, "ksplice_polls=%u\n", READ_ONCE(version_polls));
         	seq_printf(m, linux_proc_banner,
         		utsname()->sysname,
         		utsname()->release,

        """;

    public static CreateRun Create() => InlinePatch.Create(Id, Patch);
}
