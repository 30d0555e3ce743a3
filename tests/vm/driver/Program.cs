using System.Runtime.Versioning;
using Ksplice.Apply.Kernel;
using Ksplice.Match.Symbols;

[assembly: SupportedOSPlatform("linux")]

// ksplice-vm-driver COMMAND ARGS: one call into Ksplice.Apply's kernel interfaces per run, for the in-guest
// cases of tests/vm/cases/kernel_api.sh. Prints results on stdout; errors on stderr with exit code 1;
// an update the kernel refused exits 3 after printing its abort cause.
try
{
    return args switch
    {
        ["core", var ko] => Print(CoreModule.EnsureLoaded(ko).ToString()),
        ["load", var ko, .. var parameters] => Do(() => KernelModules.Load(ko, string.Join(' ', parameters))),
        ["unload", var name] => Do(() => KernelModules.Unload(name)),
        ["loaded", var name] => Print(KernelModules.IsLoaded(name) ? "yes" : "no"),
        ["symbols", .. var queries] when queries.Length > 0 => Symbols(Kallsyms.Load(), queries),
        ["updates"] => Print(string.Join('\n', SysfsUpdate.List())),
        ["apply", var id] => Report(new SysfsUpdate(id).Apply(), UpdateStage.Applied),
        ["reverse", var id] => Report(new SysfsUpdate(id).Reverse(), UpdateStage.Reversed),
        _ => Usage(),
    };
}
catch (Exception e) when (e is KernelModuleException or KallsymsException or IOException or FormatException)
{
    Console.Error.WriteLine($"{e.GetType().Name}: {e.Message}");
    return 1;
}

static int Print(string text)
{
    Console.WriteLine(text);
    return 0;
}

static int Do(Action action)
{
    action();
    return Print("done");
}

// One line per query, from one read of /proc/kallsyms (slow under TCG):
// NAME or NAME:TARGET -> its address; 0xADDRESS -> "symbol+0xoffset target"; size:NAME -> its size.
static int Symbols(Kallsyms kallsyms, string[] queries)
{
    foreach (var query in queries)
    {
        if (query.StartsWith("0x", StringComparison.Ordinal))
        {
            Console.WriteLine(kallsyms.TryFindContaining(Convert.ToUInt64(query, 16), out var symbol, out var offset)
                ? $"{symbol.Name}+0x{offset:x} {symbol.Target}" : "none");
        }
        else if (query.StartsWith("size:", StringComparison.Ordinal))
        {
            Console.WriteLine($"0x{kallsyms.SizeOf(kallsyms.Single(query[5..])):x}");
        }
        else
        {
            var parts = query.Split(':', 2);
            Console.WriteLine($"0x{kallsyms.Single(parts[0], parts.Length == 2 ? parts[1] : "vmlinux").Address:x}");
        }
    }
    return 0;
}

static int Report(StageResult result, UpdateStage wanted)
{
    Console.WriteLine($"stage={result.Stage.WireName()} abort_cause={result.AbortCause.WireName()}");
    if (result.Reached(wanted)) return 0;
    if (result.AbortCause.ShowsConflicts())
    {
        foreach (var c in result.Conflicts)
            Console.WriteLine($"conflict: command={c.Command} pid={c.Pid} symbols={string.Join(',', c.Symbols)}");
    }
    Console.WriteLine($"advice: {result.AbortCause.Advice()}");
    return 3;
}

static int Usage()
{
    Console.Error.WriteLine("usage: ksplice-vm-driver core KO | load KO [PARAM...] | unload NAME | loaded NAME | " +
        "symbols NAME[:TARGET]|0xADDRESS|size:NAME... | updates | apply ID | reverse ID");
    return 2;
}
