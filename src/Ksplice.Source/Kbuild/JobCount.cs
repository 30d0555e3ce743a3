namespace Ksplice.Source.Kbuild;

/// <summary>make's <c>-j</c>: the <c>-j</c> option, else <c>CONCURRENCY_LEVEL</c>, else the number of processors.</summary>
public static class JobCount
{
    public const string EnvironmentVariable = "CONCURRENCY_LEVEL";

    public static int Resolve(int? option = null, string? concurrencyLevel = null)
    {
        if (option is { } j)
            return j > 0 ? j : throw new KspliceSourceException($"-j {j}: the job count must be a positive number.");
        concurrencyLevel ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(concurrencyLevel))
            return int.TryParse(concurrencyLevel.Trim(), out var n) && n > 0
                ? n
                : throw new KspliceSourceException($"{EnvironmentVariable}={concurrencyLevel}: not a positive number; unset it or give a job count.");
        return Environment.ProcessorCount;
    }
}
