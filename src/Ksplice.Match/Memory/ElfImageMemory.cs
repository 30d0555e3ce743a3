using Ksplice.Elf.IO;

namespace Ksplice.Match.Memory;

/// <summary>
/// Kernel memory read through the PT_LOAD segments of an ELF file: <c>/proc/kcore</c> on the target, or a
/// <c>vmlinux</c> image (whose text still holds the compiled, unpatched forms of every boot-time patch site).
/// </summary>
public sealed class ElfImageMemory : IKernelMemory, IDisposable
{
    private readonly ElfMemoryImage _image;
    private readonly bool _owned;

    public ElfImageMemory(ElfMemoryImage image, bool owned = false)
    {
        _image = image;
        _owned = owned;
    }

    /// <summary>Opens <c>/proc/kcore</c>, a vmlinux file, or any ELF file with load segments.</summary>
    public static ElfImageMemory Open(string path) => new(ElfMemoryImage.Open(path), owned: true);

    public string Path => _image.Path;

    public bool TryRead(ulong address, Span<byte> buffer) => _image.TryRead(address, buffer);

    public void Dispose()
    {
        if (_owned) _image.Dispose();
    }
}
