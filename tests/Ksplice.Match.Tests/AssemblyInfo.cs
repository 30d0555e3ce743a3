// The kernel tests boot Linux guests (Ksplice.Vm) and build Linux kernel objects: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
