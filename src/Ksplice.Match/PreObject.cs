using Ksplice.Elf.Model;

namespace Ksplice.Match;

/// <summary>
/// One pre object of an update: its path in the tree (<c>kernel/printk/printk.o</c>, as the manifest names it), the
/// target it was linked into ("vmlinux" or a module name), and its ELF model.
/// </summary>
public sealed record PreObject(string Path, string Target, ElfObject Elf);
