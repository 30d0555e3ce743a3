namespace Ksplice.Vm;

/// <summary>One case as the guest reported it: its output, and its exit status if it finished.</summary>
public sealed record ScenarioCase(string Name, bool Began, int? ExitCode, string Output)
{
    public bool Finished => ExitCode is not null;
    public bool Passed => ExitCode == 0;

    public string Describe() =>
        !Began ? $"case {Name} never began" :
        !Finished ? $"case {Name} began but never finished; its output:\n{Output}" :
        $"case {Name} exited with {ExitCode}; its output:\n{Output}";
}
