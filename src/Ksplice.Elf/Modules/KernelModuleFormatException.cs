namespace Ksplice.Elf.Modules;

/// <summary>A kernel module file whose module-specific parts (appended signature, .modinfo, __versions, CRC tables) are
/// not laid out as the kernel's tools lay them out.</summary>
public sealed class KernelModuleFormatException(string message) : Exception(message);
