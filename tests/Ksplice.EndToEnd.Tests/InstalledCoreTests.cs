using Xunit;
using Xunit.Abstractions;

namespace Ksplice.EndToEnd.Tests;

/// <summary>The installed core in a booted Debian kernel: loaded by apply, never a tarball's; and signature enforcement.</summary>
public sealed class InstalledCoreTests(InstalledCoreGuests guests, ITestOutputHelper output) : IClassFixture<InstalledCoreGuests>
{
    [Fact]
    public void Both_boots_are_healthy()
    {
        output.WriteLine($"plain boot: {guests.Plain.Elapsed.TotalSeconds:0.0} s, sig_enforce boot: {guests.SignaturesEnforced.Elapsed.TotalSeconds:0.0} s");
        guests.Plain.EnsureHealthy();
        guests.SignaturesEnforced.EnsureHealthy();
    }

    [Fact]
    public void Apply_loads_the_installed_core() => output.WriteLine(guests.Plain.EnsurePassed("installed_core_is_loaded").Output);

    [Fact]
    public void A_core_shipped_in_a_tarball_is_never_loaded() => guests.Plain.EnsurePassed("swapped_core_never_loaded");

    /// <summary>The premise of the refusal: this kernel would not load the locally built, unsigned core.</summary>
    [Fact]
    public void Under_sig_enforce_the_kernel_refuses_the_unsigned_core() => guests.SignaturesEnforced.EnsurePassed("kernel_refuses_the_unsigned_core");

    [Fact]
    public void Under_sig_enforce_apply_of_an_unsigned_update_is_refused_before_anything_loads() =>
        output.WriteLine(guests.SignaturesEnforced.EnsurePassed("unsigned_update_refused_before_loading").Output);

    [Fact]
    public void Under_sig_enforce_a_dry_run_matches_and_says_the_apply_would_be_refused() =>
        guests.SignaturesEnforced.EnsurePassed("dry_run_says_apply_would_be_refused");

    [Fact]
    public void Under_sig_enforce_a_signed_update_is_refused_too_and_named_signed() =>
        guests.SignaturesEnforced.EnsurePassed("signed_update_refused_too");

    [Fact]
    public void Under_lockdown_integrity_the_refusal_names_lockdown() => guests.SignaturesEnforced.EnsurePassed("lockdown_is_named");
}
