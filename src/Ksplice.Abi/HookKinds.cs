namespace Ksplice.Abi;

/// <summary>One kind of hook: its name in the macros and the section its function pointers go to in a patched object.</summary>
public sealed record HookKindInfo(HookKind Kind, string Name, bool ReturnsInt, bool InPause)
{
    public string Section => HookKinds.SectionPrefix + Name;
}

/// <summary>The table of hook kinds, in the order of kmod/include/ksplice_hook_kinds.h.</summary>
public static class HookKinds
{
    /// <summary>ksplice-patch.h puts each hook's function pointer in ".ksplice_call_&lt;name&gt;", as the original Ksplice did.</summary>
    public const string SectionPrefix = ".ksplice_call_";

    /// <summary>The size of one entry of a hook section: a function pointer.</summary>
    public const int EntrySize = 8;

    public static IReadOnlyList<HookKindInfo> All { get; } =
    [
        new(HookKind.PreApply, "pre_apply", ReturnsInt: true, InPause: false),
        new(HookKind.CheckApply, "check_apply", ReturnsInt: true, InPause: true),
        new(HookKind.Apply, "apply", ReturnsInt: false, InPause: true),
        new(HookKind.PostApply, "post_apply", ReturnsInt: false, InPause: false),
        new(HookKind.FailApply, "fail_apply", ReturnsInt: false, InPause: false),
        new(HookKind.PreReverse, "pre_reverse", ReturnsInt: true, InPause: false),
        new(HookKind.CheckReverse, "check_reverse", ReturnsInt: true, InPause: true),
        new(HookKind.Reverse, "reverse", ReturnsInt: false, InPause: true),
        new(HookKind.PostReverse, "post_reverse", ReturnsInt: false, InPause: false),
        new(HookKind.FailReverse, "fail_reverse", ReturnsInt: false, InPause: false),
    ];

    public static bool IsHookSection(string sectionName) => sectionName.StartsWith(SectionPrefix, StringComparison.Ordinal);

    /// <summary>The kind whose section is <paramref name="sectionName"/>, or null for any other name (an unknown kind too).</summary>
    public static HookKindInfo? ForSection(string sectionName) => All.FirstOrDefault(k => k.Section == sectionName);
}
