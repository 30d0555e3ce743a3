// The harness boots Linux guests with QEMU and builds Linux kernel modules: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
