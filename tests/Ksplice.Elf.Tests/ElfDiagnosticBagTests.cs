using Ksplice.Elf.IO;
using Xunit;

namespace Ksplice.Elf.Tests;

/// <summary>The first problems of a read in full, the rest counted in one last diagnostic.</summary>
public class ElfDiagnosticBagTests
{
    private const int Kept = ElfDiagnosticBag.MaximumKept;

    [Fact]
    public void Problems_up_to_the_limit_are_all_kept()
    {
        var bag = new ElfDiagnosticBag("a.o");
        for (var i = 0; i < Kept; i++) bag.Error(ElfDiagnosticId.BadMagic, $"problem {i}");
        Assert.Equal(Enumerable.Range(0, Kept).Select(i => $"problem {i}"), bag.Items.Select(d => d.Message));
    }

    [Fact]
    public void Errors_past_the_limit_are_counted_not_kept()
    {
        var bag = new ElfDiagnosticBag("a.o");
        for (var i = 0; i < Kept + 50; i++) bag.Error(ElfDiagnosticId.SectionOverlapsHeaders, $"problem {i}");
        Assert.Equal(Kept + 1, bag.Items.Count);
        Assert.Equal($"problem {Kept - 1}", bag.Items[Kept - 1].Message);
        Assert.Equal($"a.o: error: ELF0127: 50 more errors not listed (only the first {Kept} problems of a file are)", bag.Items[^1].ToString());
    }

    [Fact]
    public void Errors_after_a_limit_of_warnings_still_make_the_read_fail()
    {
        var bag = new ElfDiagnosticBag("a.o");
        for (var i = 0; i < Kept + 1; i++) bag.Warning(ElfDiagnosticId.RelocationsAgainstOtherTable, $"warning {i}");
        Assert.False(bag.HasErrors);
        Assert.Equal((ElfDiagnosticKind.Warning, "1 more warning not listed"), (bag.Items[^1].Kind, bag.Items[^1].Message[..25]));
        bag.Error(ElfDiagnosticId.BadMagic, "not kept");
        bag.Error(ElfDiagnosticId.BadMagic, "not kept either");
        Assert.True(bag.HasErrors);
        Assert.DoesNotContain(bag.Items, d => d.Message.StartsWith("not kept", StringComparison.Ordinal));
        Assert.Equal((ElfDiagnosticKind.Error, "2 more errors and 1 more warning not listed"), (bag.Items[^1].Kind, bag.Items[^1].Message[..43]));
    }

    [Fact]
    public void A_message_past_the_limit_is_not_composed()
    {
        var bag = new ElfDiagnosticBag("a.o");
        for (var i = 0; i < Kept; i++) bag.Error(ElfDiagnosticId.BadMagic, "kept");
        var composed = 0;
        string Hole()
        {
            composed++;
            return "hole";
        }
        bag.Error(ElfDiagnosticId.BadMagic, $"past the limit: {Hole()}");
        bag.Warning(ElfDiagnosticId.RelocationsAgainstOtherTable, $"past the limit: {Hole()}");
        Assert.Equal(0, composed);
    }
}
