using Xunit;

// Each VM test class boots its own TCG guest with two vCPUs; on a two-core machine running two at
// once only makes both slower and the stop_machine timings meaningless.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
