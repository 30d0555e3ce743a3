using Xunit;

namespace Ksplice.Source.Tests.Security;

/// <summary>Tests that change the process's current directory or environment run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessStateCollection
{
    public const string Name = "process state";
}
