using Ksplice.Source.Process;

namespace Ksplice.TestSupport;

/// <summary>A process runner that records every command and passes it to an inner runner, or fails it when there is none.</summary>
public sealed class RecordingProcessRunner(IProcessRunner? inner = null) : IProcessRunner
{
    private readonly List<ProcessSpec> _specs = [];

    public IReadOnlyList<ProcessSpec> Specs
    {
        get { lock (_specs) return _specs.ToList(); }
    }

    public ProcessResult Run(ProcessSpec spec)
    {
        lock (_specs) _specs.Add(spec);
        return inner?.Run(spec) ?? new ProcessResult(spec.CommandLine, 127, "", "RecordingProcessRunner: running commands is not allowed here\n");
    }
}
