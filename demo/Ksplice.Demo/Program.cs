using System.Diagnostics;
using Ksplice.Vm;

// ./run demo, part 2: boots Debian's kernel under QEMU with the ksplice binary and the update made on the host, runs
// guest-demo.sh in it and prints what happened. Usage: Ksplice.Demo KSPLICE_BINARY UPDATE_TARBALL, or Ksplice.Demo
// release: the release of the kernel it boots, whose headers the update is built against.
var kernel = GuestKernel.Discover();
if (args is ["release"])
{
    Console.WriteLine(kernel.Release);
    return 0;
}
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Ksplice.Demo KSPLICE_BINARY UPDATE_TARBALL | Ksplice.Demo release");
    return 2;
}
var initramfs = new Initramfs(kernel, RepositoryLayout.Find());
initramfs.AddDotnetExecutable(args[0], "/usr/bin/ksplice").AddInstalledCore();
foreach (var name in new[] { "ksplice-apply", "ksplice-undo", "ksplice-view" }) initramfs.AddSymlink($"/usr/bin/{name}", "/usr/bin/ksplice");
initramfs.AddFile(args[1], $"{Initramfs.TestDirectory}/ksplice-quoth.tar.gz", 0x1A4);
initramfs.AddFile(Path.Combine(AppContext.BaseDirectory, "guest-demo.sh"), $"{Initramfs.TestDirectory}/demo.sh", 0x1ED);
initramfs.SetScenario(new Scenario().Case("demo", $"sh {Initramfs.TestDirectory}/demo.sh"));
var work = Directory.CreateTempSubdirectory("ksplice-demo-").FullName;
try
{
    var initrd = Path.Combine(work, "initrd.gz");
    initramfs.Build(initrd);
    Console.WriteLine($"Booting {kernel.ImagePath} under QEMU (software emulation, 2 CPUs): this takes about a minute...");
    var clock = Stopwatch.StartNew();
    var result = new QemuGuest(kernel) { Options = new QemuOptions { Timeout = TimeSpan.FromMinutes(10) } }.Boot(initrd);
    var demo = result.Case("demo");
    Console.WriteLine(demo.Output.TrimEnd());
    Console.WriteLine();
    Console.WriteLine($"(guest ran for {clock.Elapsed.TotalSeconds:0} s)");
    if (!result.Healthy || !demo.Passed)
    {
        Console.Error.WriteLine(result.Describe());
        return 1;
    }
    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}
