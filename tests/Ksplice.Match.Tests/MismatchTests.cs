using Ksplice.Elf.Model;
using Ksplice.Match.Tests.Support;

namespace Ksplice.Match.Tests;

/// <summary>Running code that is not the pre code: a changed byte, a changed string; what the failure says.</summary>
public sealed class MismatchTests
{
    [Fact]
    public void ChangedByteIsNoMatchNamingThePlaceAndBothByteStrings()
    {
        var t = new LearnImage();
        var section = t.Learn.FindSection(".text.learn_calls")!;
        // The first byte after the fentry call that no relocation covers.
        var offset = Enumerable.Range(5, section.Data.Length - 5)
            .First(o => !section.Relocations.Any(r => o >= (int)r.Offset && o < (int)r.Offset + r.Width));
        var address = t.Address("learn_calls");
        var original = t.Image.Memory.Read(address + (ulong)offset, 1)[0];
        t.Image.Memory.Write(address + (ulong)offset, [(byte)(original ^ 0x01)]);

        var result = t.Match(["learn_calls"]);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(MatchFailureKind.NoMatch, failure.Kind);
        Assert.Equal(MatchFailureReason.BytesDiffer, failure.Reason);
        Assert.StartsWith("no_match: learn_calls ", failure.Message);
        Assert.Equal(address, failure.Candidate);
        Assert.Equal($"learn_calls+0x{offset:x}", failure.Place);
        Assert.Equal(offset, failure.Offset);
        Assert.StartsWith($"{original:x2}", failure.Expected);
        Assert.StartsWith($"{original ^ 0x01:x2}", failure.Running);
        Assert.Contains($"learn_calls+0x{offset:x} differs: expected {failure.Expected}, running {failure.Running}", failure.Message);
        Assert.EndsWith("livepatches that changed this function", failure.Message);
    }

    [Fact]
    public void RelocatedFieldsAreMaskedInTheExpectedBytes()
    {
        var t = new LearnImage();
        var section = t.Learn.FindSection(".text.learn_calls")!;
        var call = section.Relocations.Single(r => r.Symbol.Name == "ext_func");
        var opcode = t.Address("learn_calls") + call.Offset - 1;
        t.Image.Memory.Write(opcode, [0xe9]);

        var failure = Assert.Single(t.Match(["learn_calls"]).Failures);

        Assert.Equal($"learn_calls+0x{call.Offset - 1:x}", failure.Place);
        Assert.Equal("e8 .. .. .. ..", failure.Expected);
        Assert.StartsWith("e9 ", failure.Running);
    }

    [Fact]
    public void StringsAreComparedByContentWhereverTheLinkerPutThem()
    {
        var t = new LearnImage();
        var (field, relocation) = t.Field("learn_string", ".rodata.learn_string.str1.1");
        Assert.Equal(X86RelocationType.Abs32S, relocation.Type);
        var text = t.Learn.FindSection(".rodata.learn_string.str1.1")!.Data;
        // The linker merged the string elsewhere: the same text at another address, the field pointing there.
        const ulong moved = 0xffffffff82f00000;
        t.Image.Memory.Map(moved, (byte[])text.Clone());
        t.Image.Memory.Write(field, BitConverter.GetBytes(unchecked((int)moved)));

        var result = t.Match(["learn_string"]);
        Assert.True(result.Succeeded, string.Join("\n", result.Failures));

        t.Image.Memory.Write(moved + 7, "C"u8);
        var failure = Assert.Single(t.Match(["learn_string"]).Failures);
        Assert.Equal(MatchFailureReason.DataDiffers, failure.Reason);
        Assert.Equal($"learn_string+0x{relocation.Offset:x}", failure.Place);
        Assert.Equal("\"learn: counter %d of %d\\x0a\"", failure.Expected);
        Assert.Equal("\"learn: Counter %d of %d\\x0a\"", failure.Running);
        Assert.Contains($"running at 0x{moved:x}", failure.Message);
    }

    [Fact]
    public void EveryCandidateFailingReportsTheOneThatGotFurthest()
    {
        var t = new LearnImage();
        var symbols = new ListSymbolSource(t.Image.Symbols).With(new Symbols.KernelSymbol("learn_calls", t.Address("learn_again"), 't', null));
        var address = t.Address("learn_calls");
        t.Image.Memory.Write(address + 0x14, [0x90]);

        var result = new RunPreMatcher(symbols, t.Image.Memory).Match(new MatchRequest([t.LearnPre], [new FunctionRequest("lib/learn.o", "learn_calls")], []));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(2, failure.Candidates.Count);
        Assert.Equal(address, failure.Candidate);
        Assert.Equal("learn_calls+0x14", failure.Place);
        Assert.Contains("1 other candidate(s) failed too", failure.Message);
    }
}
