using System.Buffers.Binary;
using Ksplice.Match.Tests.Support;

namespace Ksplice.Match.Tests;

/// <summary>Values learnt from relocated fields of matched code, and where placeholders get their values from.</summary>
public sealed class LearningTests
{
    [Fact]
    public void LearnsExternStaticAndFunctionValuesFromMatchedCode()
    {
        var t = new LearnImage();
        var result = t.Match(["learn_calls", "learn_string"],
            [("__ksplice_sym_0", "ext_var"), ("__ksplice_sym_1", "counter"), ("__ksplice_sym_2", "helper"), ("__ksplice_sym_3", "learn_calls")]);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(LearnImage.Externals["ext_var"], Value(result, "__ksplice_sym_0", SymbolValueSource.Learnt));
        Assert.Equal(t.Address("counter"), Value(result, "__ksplice_sym_1", SymbolValueSource.Learnt));
        Assert.Equal(t.Address("helper"), Value(result, "__ksplice_sym_2", SymbolValueSource.Learnt));
        Assert.Equal(t.Address("learn_calls"), Value(result, "__ksplice_sym_3", SymbolValueSource.Learnt));
        Assert.StartsWith("learn_calls+0x", result.Symbol("__ksplice_sym_0")!.Place);
        Assert.Contains("lib/learn.o", result.Symbol("__ksplice_sym_1")!.Place);
    }

    [Fact]
    public void ReportsAddressRunningBytesAndTrampolineOffset()
    {
        var t = new LearnImage();
        var result = t.Match(["learn_calls"]);

        var f = Assert.Single(result.Functions);
        Assert.Equal(t.Address("learn_calls"), f.Address);
        var size = (int)t.Learn.FindSymbols("learn_calls").Single().Size;
        Assert.Equal(t.Image.Memory.Read(f.Address, size), f.RunningBytes);
        Assert.Equal(5, f.TrampolineOffset);
        Assert.Equal(".text.learn_calls", f.Section);
        Assert.Equal("vmlinux", f.Target);
    }

    [Fact]
    public void AmbiguousStaticFunctionIsSettledByMatchingItsCaller()
    {
        var t = new LearnImage();
        Assert.Equal(2, t.Image.Symbols.Count(s => s.Name == "helper"));

        var result = t.Match(["helper"], [("__ksplice_sym_0", "counter")]);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(t.Address("helper"), result.Function("lib/learn.o", "helper")!.Address);
        Assert.Contains(result.Helpers, h => h.Symbol == "learn_calls" && h.Address == t.Address("learn_calls"));
        Assert.Equal(t.Address("counter"), Value(result, "__ksplice_sym_0", SymbolValueSource.Learnt));
    }

    [Fact]
    public void AmbiguityNothingSettlesIsFailedToFindWithTheCandidates()
    {
        var t = new LearnImage();
        var result = t.Match(["helper"], options: new MatchOptions { ReferrersPerValue = 0 });

        var failure = Assert.Single(result.Failures);
        Assert.Equal(MatchFailureKind.FailedToFind, failure.Kind);
        Assert.Equal(MatchFailureReason.Ambiguous, failure.Reason);
        Assert.StartsWith("failed_to_find: helper ", failure.Message);
        Assert.Equal(new[] { t.Address("helper"), t.Image.AddressOf(t.Copy, "helper") }.Order(), failure.Candidates.Order());
        Assert.Contains($"0x{t.Address("helper"):x}", failure.Message);
        Assert.EndsWith("name the symbol's object", failure.Message);
    }

    [Fact]
    public void UniqueKallsymsNameGivesAValueWithoutMatching()
    {
        var t = new LearnImage();
        var result = t.Match([], [("__ksplice_sym_0", "ext_func"), ("__ksplice_sym_1", "learn_again")]);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(LearnImage.Externals["ext_func"], Value(result, "__ksplice_sym_0", SymbolValueSource.Kallsyms));
        Assert.Equal(t.Address("learn_again"), Value(result, "__ksplice_sym_1", SymbolValueSource.Kallsyms));
        Assert.Empty(result.Helpers);
    }

    [Fact]
    public void AmbiguousStaticVariableIsLearntFromCodeThatRefersToIt()
    {
        var t = new LearnImage();
        Assert.Equal(2, t.Image.Symbols.Count(s => s.Name == "counter"));

        var result = t.Match([], [("__ksplice_sym_0", "counter")]);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(t.Address("counter"), Value(result, "__ksplice_sym_0", SymbolValueSource.Learnt));
        Assert.NotEmpty(result.Helpers);
        Assert.All(result.Helpers, h => Assert.Equal("lib/learn.o", h.ObjectPath));
    }

    [Fact]
    public void SymbolNoCodeRefersToAndKallsymsCannotTellIsFailedToFind()
    {
        var t = new LearnImage();
        var result = t.Match([], [("__ksplice_sym_7", "unused_static")]);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(MatchFailureKind.FailedToFind, failure.Kind);
        Assert.Equal(MatchFailureReason.NotFound, failure.Reason);
        Assert.Equal(new[] { t.Address("unused_static"), t.Image.AddressOf(t.Copy, "unused_static") }.Order(), failure.Candidates.Order());
        Assert.Contains("__ksplice_sym_7", failure.Message);
        Assert.Contains("2 kallsyms entries", failure.Message);
    }

    [Fact]
    public void ConflictingValuesAreANoMatchNamingBothPlaces()
    {
        var t = new LearnImage();
        var (field, relocation) = t.Field("learn_again", "ext_var");
        var bytes = t.Image.Memory.Read(field, 4);
        BinaryPrimitives.WriteInt32LittleEndian(bytes, BinaryPrimitives.ReadInt32LittleEndian(bytes) + 0x40);
        t.Image.Memory.Write(field, bytes);

        var result = t.Match(["learn_calls", "learn_again"]);

        var failure = Assert.Single(result.Failures);
        Assert.Equal("learn_again", failure.Symbol);
        Assert.Equal(MatchFailureKind.NoMatch, failure.Kind);
        Assert.Equal(MatchFailureReason.Conflict, failure.Reason);
        Assert.Equal($"learn_again+0x{relocation.Offset:x}", failure.Place);
        Assert.Contains("learn_calls+0x", failure.Detail);
        Assert.Contains($"learn_again+0x{relocation.Offset:x}", failure.Detail);
        Assert.Contains($"0x{LearnImage.Externals["ext_var"]:x}", failure.Detail);
        Assert.Contains($"0x{LearnImage.Externals["ext_var"] + 0x40:x}", failure.Detail);
    }

    [Fact]
    public void ModuleTargetConsidersOnlyThatModulesSymbols()
    {
        var first = TestFixtures.Object("learn.c");
        var second = TestFixtures.Object("learn.c");
        var image = TinyLinker.Link([(first, "mymod"), (second, null)], LearnImage.Externals);
        var matcher = new RunPreMatcher(image.SymbolSource, image.Memory);

        var inModule = matcher.Match(new MatchRequest([new PreObject("lib/learn.o", "mymod", first)], [new FunctionRequest("lib/learn.o", "learn_calls")], []));
        Assert.True(inModule.Succeeded, string.Join("\n", inModule.Failures));
        Assert.Equal(image.AddressOf(first, "learn_calls"), inModule.Functions.Single().Address);

        var notLoaded = matcher.Match(new MatchRequest([new PreObject("lib/learn.o", "other-mod", first)], [new FunctionRequest("lib/learn.o", "learn_calls")], []));
        var failure = Assert.Single(notLoaded.Failures);
        Assert.Equal(MatchFailureKind.FailedToFind, failure.Kind);
        Assert.Contains("other-mod is not loaded", failure.Message);
    }

    [Fact]
    public void UnreadableCandidateIsReported()
    {
        var t = new LearnImage();
        var symbols = new ListSymbolSource(t.Image.Symbols.Where(s => s.Name != "learn_again"))
            .With(new Symbols.KernelSymbol("learn_again", 0xffffffff8f000000, 'T', null));
        var result = new RunPreMatcher(symbols, t.Image.Memory).Match(new MatchRequest([t.LearnPre], [new FunctionRequest("lib/learn.o", "learn_again")], []));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(MatchFailureReason.Unreadable, failure.Reason);
        Assert.Equal(0xffffffff8f000000, failure.Candidate);
        Assert.Contains("/proc/kcore", failure.Remedy);
    }

    [Fact]
    public void RequestForAFunctionThePreObjectLacksIsABadRequest()
    {
        var t = new LearnImage();
        var result = t.Match(["no_such_function"]);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(MatchFailureReason.BadRequest, failure.Reason);
        Assert.Throws<RunPreMatchException>(() => result.ThrowIfFailed());
    }

    private static ulong Value(MatchResult result, string placeholder, SymbolValueSource source)
    {
        var s = result.Symbol(placeholder);
        Assert.NotNull(s);
        Assert.Equal(source, s.Source);
        return s.Value;
    }
}
