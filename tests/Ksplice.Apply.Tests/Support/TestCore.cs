using System.Text;
using Ksplice.Apply.Kernel;
using Ksplice.TestSupport;

namespace Ksplice.Apply.Tests.Support;

/// <summary>
/// Installed cores for <see cref="RecordedKernel"/>: an object compiled from generated C that holds what ksplice-apply
/// reads from ksplice_core.ko, laid out as Linux 6.1's modpost lays it out (each export's CRC a 32-bit word in
/// __kcrctab_gpl behind a local label __crc_NAME, each export a __ksymtab_NAME label in __ksymtab_gpl, and .modinfo's
/// NUL-separated key=value strings), written to a modules root as RELEASE/extra/ksplice_core.ko.
/// </summary>
public static class TestCore
{
    /// <summary>The CRCs tests/fixtures/apply/module.c was "built against" (its __versions).</summary>
    public const uint RegisterCrc = 0x711951f3;
    public const uint UnregisterCrc = 0x7f6d1b75;

    public const string SourceVersion = "F793BAA61D8C4033323F309";

    public static IReadOnlyDictionary<string, uint> Exports { get; } =
        new Dictionary<string, uint> { ["ksplice_register"] = RegisterCrc, ["ksplice_unregister"] = UnregisterCrc };

    /// <summary>Compiles a core with these exports and srcversion; returns the object's bytes.</summary>
    public static byte[] Build(IReadOnlyDictionary<string, uint>? exports = null, string? sourceVersion = SourceVersion)
    {
        exports ??= Exports;
        var asm = new StringBuilder();
        asm.Append(".section __kcrctab_gpl,\\\"a\\\"\\n");
        foreach (var (name, crc) in exports) asm.Append($"__crc_{name}:\\n\\t.long 0x{crc:x8}\\n");
        asm.Append(".section __ksymtab_gpl,\\\"a\\\"\\n");
        foreach (var name in exports.Keys) asm.Append($"__ksymtab_{name}:\\n\\t.long 0, 0, 0\\n");
        asm.Append(".section .modinfo,\\\"a\\\"\\n.asciz \\\"version=1\\\"\\n");
        if (sourceVersion is not null) asm.Append($".asciz \\\"srcversion={sourceVersion}\\\"\\n");
        asm.Append(".asciz \\\"name=ksplice_core\\\"\\n.previous\\n");
        var source = $"/* a stand-in for an installed ksplice_core.ko (TestCore) */\nasm(\"{asm}\");\n";
        return File.ReadAllBytes(FixtureCache.Compile(source, "-O2"));
    }

    /// <summary>Writes <paramref name="core"/> as the installed core of <paramref name="release"/> under <paramref name="modulesRoot"/>.</summary>
    public static string Install(string modulesRoot, string release, byte[] core)
    {
        var path = InstalledCore.PathFor(release, modulesRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, core);
        return path;
    }
}
