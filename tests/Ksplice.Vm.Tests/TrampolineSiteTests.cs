using Xunit;

namespace Ksplice.Vm.Tests;

public sealed class TrampolineSiteBoot() : BootFixture("sites.sh", Cases)
{
    public static readonly string[] Cases =
    [
        "sites_setup",
        "apply_refused_over_jump_label",
        "key_flips_after_refusal",
    ];
}

/// <summary>
/// No trampoline over code the kernel rewrites at run time (tests/vm/cases/sites.sh): a function whose static branch
/// sits right after its fentry NOP.
/// </summary>
public sealed class TrampolineSiteTests(TrampolineSiteBoot boot) : IClassFixture<TrampolineSiteBoot>
{
    private readonly GuestResult _guest = boot.Result;

    [Fact]
    public void BootIsHealthy() => _guest.EnsureHealthy();

    /// <summary>gcc-12 puts the fixture's jump label site in the five bytes after the fentry NOP.</summary>
    [Fact]
    public void SetUp() => _guest.EnsurePassed("sites_setup");

    /// <summary>text_reserved, with a debug line naming the function and the site kind; the bytes are unchanged.</summary>
    [Fact]
    public void ApplyIsRefusedAndWritesNothing() => _guest.EnsurePassed("apply_refused_over_jump_label");

    /// <summary>Switching the key on and off afterwards works, without an oops or BUG (the boot stays healthy).</summary>
    [Fact]
    public void TheKeyFlipsAfterTheRefusal() => _guest.EnsurePassed("key_flips_after_refusal");
}
