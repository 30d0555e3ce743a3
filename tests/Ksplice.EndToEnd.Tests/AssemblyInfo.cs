using Xunit;

// One TCG guest and kbuild at a time: the machine has two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
