using Xunit;

namespace Ksplice.Source.Tests;

/// <summary>Tests that build or patch in the shared kernel tree run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class KernelTreeCollection
{
    public const string Name = "KernelTree";
}
