// The guest half boots Linux under QEMU and builds Linux kernel modules (Ksplice.Vm): Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
