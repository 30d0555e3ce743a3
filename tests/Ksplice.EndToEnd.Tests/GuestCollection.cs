using Xunit;

namespace Ksplice.EndToEnd.Tests;

/// <summary>All tests that read the one corpus boot share its fixture.</summary>
[CollectionDefinition(Name)]
public sealed class GuestCollection : ICollectionFixture<CorpusGuestFixture>
{
    public const string Name = "corpus guest";
}
