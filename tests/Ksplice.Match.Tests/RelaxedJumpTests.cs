using Ksplice.Elf.Arch;
using Ksplice.Elf.Arch.X86;
using Ksplice.Match.Memory;
using Ksplice.Match.Tests.Support;

namespace Ksplice.Match.Tests;

/// <summary>
/// Pre objects built with -ffunction-sections against a kernel built without: a jump to another function of the same
/// object is a rel32 with a relocation in the pre object but may run as a rel8, so the running function is shorter and
/// later offsets shift. Jumps are compared by target, and the match reports the running size.
/// </summary>
public sealed class RelaxedJumpTests
{
    [Fact]
    public void TheFixtureHoldsTheJumpsTheTestsAreAbout()
    {
        var t = new RelaxImage();
        var (tailPre, tailRun) = t.Instructions("relax_tail")[^1];
        Assert.Equal((JumpCondition.Always, 5, 2), (tailPre.RelaxableJump, tailPre.Length, tailRun.Length));
        Assert.Equal("relax_target", t.Relocation("relax_tail", tailPre)?.Symbol.Name);
        Assert.Equal(t.Address("relax_target"), tailRun.Target);

        var (condPre, condRun) = Jumps(t, "relax_cond").Single();
        Assert.Equal((JumpCondition.NE, 6, 2), (condPre.RelaxableJump, condPre.Length, condRun.Length));
        Assert.Equal("relax_target", t.Relocation("relax_cond", condPre)?.Symbol.Name);

        // relax_cross: js (rel32 only in the pre object), jne (rel8 in both, another displacement), the tail call.
        var cross = Jumps(t, "relax_cross");
        Assert.Equal([(6, 2), (2, 2), (5, 2)], cross.Select(j => (j.Pre.Length, j.Running.Length)));
        Assert.Null(t.Relocation("relax_cross", cross[0].Pre));
        var jne = cross[1];
        Assert.NotEqual(t.Pre.FindSection(".text.relax_cross")!.Data[jne.Pre.Offset + 1], t.Image.Memory.Read(t.Address("relax_cross") + (ulong)jne.Running.Offset + 1, 1)[0]);
        Assert.Equal(t.PreSize("relax_cross") - 7, t.RunningSize("relax_cross"));
    }

    [Fact]
    public void TailCallRunningAsRel8MatchesLearnsItsTargetAndReportsTheRunningSize()
    {
        var t = new RelaxImage();
        var result = t.Match(["relax_tail"], [("__ksplice_sym_0", "relax_target")]);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var f = Assert.Single(result.Functions);
        Assert.Equal(t.Address("relax_tail"), f.Address);
        Assert.Equal(t.PreSize("relax_tail") - 3, f.Size);
        Assert.Equal(t.RunningSize("relax_tail"), f.Size);
        Assert.Equal(t.Image.Memory.Read(f.Address, t.RunningSize("relax_tail")), f.RunningBytes);
        Assert.Equal(5, f.TrampolineOffset);
        var target = result.Symbol("__ksplice_sym_0")!;
        Assert.Equal(t.Address("relax_target"), target.Value);
        Assert.Equal(SymbolValueSource.Learnt, target.Source);
        Assert.StartsWith("relax_tail+0x", target.Place);
    }

    [Fact]
    public void ConditionalTailCallRunningAsRel8Matches()
    {
        var t = new RelaxImage();
        var result = t.Match(["relax_cond"], [("__ksplice_sym_0", "relax_target")]);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var f = Assert.Single(result.Functions);
        Assert.Equal(t.PreSize("relax_cond") - 4, f.Size);
        Assert.Equal(t.Image.Memory.Read(f.Address, f.Size), f.RunningBytes);
        Assert.Equal(t.Address("relax_target"), result.Symbol("__ksplice_sym_0")!.Value);
        Assert.Equal(SymbolValueSource.Learnt, result.Symbol("__ksplice_sym_0")!.Source);
    }

    [Fact]
    public void InternalJumpsCrossingARelaxedJumpAreComparedByTarget()
    {
        var t = new RelaxImage();
        var result = t.Match(["relax_target", "relax_tail", "relax_cond", "relax_cross"]);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        foreach (var name in new[] { "relax_target", "relax_tail", "relax_cond", "relax_cross" })
        {
            var f = result.Function(RelaxImage.ObjectPath, name)!;
            Assert.Equal(t.Address(name), f.Address);
            Assert.Equal(t.RunningSize(name), f.Size);
        }
        Assert.Equal(t.PreSize("relax_cross") - 7, result.Function(RelaxImage.ObjectPath, "relax_cross")!.Size);
        Assert.Equal(4, result.SiteForms["fentry:call"]);
    }

    [Fact]
    public void RelaxedJumpToAnotherFunctionIsNoMatch()
    {
        var t = new RelaxImage();
        var (pre, running) = t.Instructions("relax_tail")[^1];
        var at = t.Address("relax_tail") + (ulong)running.Offset;
        t.Image.Memory.Write(at + 1, [checked((byte)(sbyte)(long)(t.Address("relax_cond") - (at + 2)))]);

        var result = t.Match(["relax_target", "relax_tail"]);

        var failure = Assert.Single(result.Failures);
        Assert.Equal("relax_tail", failure.Symbol);
        Assert.Equal(MatchFailureKind.NoMatch, failure.Kind);
        Assert.Equal(MatchFailureReason.Conflict, failure.Reason);
        Assert.Equal($"relax_tail+0x{t.Relocation("relax_tail", pre)!.Offset:x}", failure.Place);
        Assert.Contains($"0x{t.Address("relax_cond"):x}", failure.Detail);
    }

    [Theory]
    [InlineData(0)] // js: a rel32 in the pre object, a rel8 running
    [InlineData(1)] // jne: a rel8 on both sides, crossing the relaxed tail call
    public void InternalJumpToAnotherPlaceIsNoMatch(int which)
    {
        var t = new RelaxImage();
        var (pre, running) = Jumps(t, "relax_cross")[which];
        var at = t.Address("relax_cross") + (ulong)running.Offset;
        var displacement = t.Image.Memory.Read(at + 1, 1)[0];
        t.Image.Memory.Write(at + 1, [(byte)(displacement + 1)]);

        var failure = Assert.Single(t.Match(["relax_cross"]).Failures);

        Assert.Equal(MatchFailureKind.NoMatch, failure.Kind);
        Assert.Equal(MatchFailureReason.BytesDiffer, failure.Reason);
        Assert.Equal($"relax_cross+0x{pre.Offset:x}", failure.Place);
        Assert.Contains($"jumps to 0x{running.Target + 1:x}, not to relax_cross+0x", failure.Detail);
        Assert.StartsWith($"{t.Image.Memory.Read(at, 1)[0]:x2} {displacement + 1:x2}", failure.Running);
    }

    [Fact]
    public void RelaxedJumpWithAnotherConditionIsNoMatch()
    {
        var t = new RelaxImage();
        var (pre, running) = Jumps(t, "relax_cond").Single();
        var at = t.Address("relax_cond") + (ulong)running.Offset;
        t.Image.Memory.Write(at, [0x74]); // je instead of jne

        var failure = Assert.Single(t.Match(["relax_cond"]).Failures);

        Assert.Equal(MatchFailureReason.BytesDiffer, failure.Reason);
        Assert.Equal($"relax_cond+0x{pre.Offset:x}", failure.Place);
        Assert.Equal("0f 85 .. .. .. ..", failure.Expected);
        Assert.StartsWith("74 ", failure.Running);
    }

    /// <summary>
    /// relax_site: a jump label after a relaxed tail call. Its site and its target (compiled at +0xf and +0x1d) run 3
    /// bytes earlier, and the rule sees them there. relax_site is the image's last function: its compiled length runs
    /// past the mapped text, so only what can be read is read.
    /// </summary>
    [Theory]
    [InlineData(null, "jump-label:nop")]
    [InlineData(0, "jump-label:jmp")] // jmp to the running place of the entry's target
    [InlineData(3, "no_match")] // jmp to where the target would be if nothing had shifted
    public void SiteAfterARelaxedJumpIsComparedAtItsRunningPlace(int? targetShift, string expect)
    {
        var t = new RelaxImage();
        var function = t.Address("relax_site");
        Assert.Null(t.Image.Memory.TryRead(function, t.PreSize("relax_site")));
        var (sitePre, siteRun) = t.Instructions("relax_site").Single(p => p.Pre.Kind == InsnKind.Nop);
        Assert.Equal(3, sitePre.Offset - siteRun.Offset);
        // The entry's target field: .long %l[yes] - ., a PC32 against the function's section plus the label's offset.
        var targetOffset = (int)t.Pre.FindSection("__jump_table")!.Relocations.Single(r => r.Offset == 4).Addend;
        Assert.True(targetOffset > sitePre.End);
        if (targetShift is { } shift)
        {
            var site = function + (ulong)siteRun.Offset;
            var target = function + (ulong)(targetOffset - 3 + shift);
            t.Image.Memory.Write(site, [0xe9, .. BitConverter.GetBytes(checked((int)(long)(target - (site + 5))))]);
        }

        var result = t.Match(["relax_site"]);

        if (expect != "no_match")
        {
            Assert.True(result.Succeeded, string.Join("\n", result.Failures));
            Assert.Equal(1, result.SiteForms.GetValueOrDefault(expect));
            Assert.Equal(t.PreSize("relax_site") - 3, result.Functions.Single().Size);
            return;
        }
        var failure = Assert.Single(result.Failures);
        Assert.Equal(MatchFailureReason.IllegalSiteForm, failure.Reason);
        Assert.Equal($"relax_site+0x{sitePre.Offset:x}", failure.Place);
    }

    private static List<(Insn Pre, Insn Running)> Jumps(RelaxImage t, string function) =>
        t.Instructions(function).Where(p => p.Pre.RelaxableJump is not null).ToList();
}
