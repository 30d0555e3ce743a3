namespace Ksplice.Vm;

/// <summary>The guest did not behave: a case failed, the kernel complained, or the boot hung.</summary>
public sealed class GuestFailedException(string message) : Exception(message);
