using Ksplice.Source.Process;

namespace Ksplice.Vm;

/// <summary>
/// One Debian test machine made from a <see cref="DebianImage"/>: its disk is a qcow2 overlay over the cached image
/// (virtio, /dev/vda), so the image stays pristine and what a boot writes is still there at the machine's next boot;
/// a reboot is the next <see cref="Boot"/>. A host directory is shared with the guest (virtio 9p, tag "ksplice",
/// mounted on /ksplice-test): it carries the steps and the files a test adds in, and the results out. Every boot runs
/// the image's kernel and initrd, reaches multi-user.target, then ksplice-test.service runs the share's boot.sh
/// (tests/vm/debian/boot.sh), which runs the scenario's steps and powers off.
/// </summary>
public sealed class DebianGuest : IDisposable
{
    /// <summary>Where the share is mounted in the guest (the directory lib.sh and the scenarios expect).</summary>
    public const string ShareMount = Initramfs.TestDirectory;

    private readonly IProcessRunner _runner;
    private readonly RepositoryLayout _repository;
    private readonly string _work;
    private int _boots;

    public DebianGuest(DebianImage image, RepositoryLayout repository, IProcessRunner? runner = null)
    {
        Image = image;
        _repository = repository;
        _runner = runner ?? ProcessRunner.Default;
        _work = Directory.CreateTempSubdirectory("ksplice-debian-").FullName;
        Share = Directory.CreateDirectory(Path.Combine(_work, "share")).FullName;
        Overlay = Path.Combine(_work, "disk.qcow2");
        _runner.RunChecked(ProcessSpec.Of("qemu-img", "create", "-q", "-f", "qcow2", "-F", "raw", "-b", image.RootFilesystem, Overlay));
    }

    public DebianImage Image { get; }

    public QemuOptions Options { get; init; } = new() { Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>The host side of the share; the guest sees it as <see cref="ShareMount"/>.</summary>
    public string Share { get; }

    /// <summary>This machine's disk: the image plus everything its boots wrote.</summary>
    public string Overlay { get; }

    /// <summary>Copies a host file into the share, where the guest finds it as <c>/ksplice-test/RELATIVE</c>.</summary>
    public DebianGuest AddFile(string hostPath, string relativePath)
    {
        var target = SharePath(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(hostPath, target, overwrite: true);
        return this;
    }

    /// <summary>Copies a host directory, recursively, into the share as <c>/ksplice-test/RELATIVE</c>.</summary>
    public DebianGuest AddDirectory(string hostDirectory, string relativePath)
    {
        foreach (var file in Directory.GetFiles(hostDirectory, "*", SearchOption.AllDirectories))
            AddFile(file, Path.Combine(relativePath, Path.GetRelativePath(hostDirectory, file)));
        return this;
    }

    /// <summary>
    /// Boots the machine once and runs <paramref name="steps"/> after multi-user.target; <paramref name="kernelParameters"/>
    /// go on this boot's kernel command line after the harness's own.
    /// </summary>
    public DebianBoot Boot(Scenario steps, string kernelParameters = "")
    {
        var number = ++_boots;
        AddFile(Path.Combine(_repository.DebianGuest, "boot.sh"), "boot.sh");
        AddFile(Path.Combine(_repository.VmTests, "lib.sh"), "lib.sh");
        File.WriteAllText(SharePath("scenario.sh"), steps.ToScript());
        var result = SharePath("result");
        if (Directory.Exists(result)) Directory.Delete(result, recursive: true);

        var qemu = new QemuGuest(Image.Kernel, _runner) { Options = Options };
        var guest = qemu.Boot(Image.KernelImage, Image.Initrd,
            // All kernel messages reach the console, whatever a package later sets kernel.printk to.
            string.Join(' ', new[] { "root=/dev/vda rw ignore_loglevel", kernelParameters }.Where(p => p.Length > 0)),
            Path.Combine(_work, $"boot-{number}.ttyS1"),
            [
                "-drive", $"file={Overlay},format=qcow2,if=virtio",
                "-virtfs", $"local,path={Share},mount_tag=ksplice,security_model=none",
                "-nic", "none",
            ]);

        var kept = Path.Combine(_work, $"boot-{number}");
        if (Directory.Exists(result)) Directory.Move(result, kept);
        else Directory.CreateDirectory(kept);
        return new DebianBoot(number, guest, kept);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string SharePath(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(Share, relativePath));
        return full.StartsWith(Share + "/", StringComparison.Ordinal)
            ? full : throw new ArgumentException($"'{relativePath}' is not inside the share", nameof(relativePath));
    }
}
