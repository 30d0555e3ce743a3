namespace Ksplice.Update.Manifest;

/// <summary>manifest.json of an update tarball (docs/DESIGN.md section 1).</summary>
public sealed record UpdateManifest
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;
    public required string Id { get; init; }
    public string Description { get; init; } = "";
    public required DateTimeOffset Created { get; init; }
    public required string Tool { get; init; }
    public required KernelIdentity Kernel { get; init; }
    public IReadOnlyList<TargetEntry> Targets { get; init; } = [];
    public IReadOnlyList<FunctionEntry> Functions { get; init; } = [];
    public IReadOnlyList<DataEntry> Data { get; init; } = [];
    public IReadOnlyList<PlaceholderEntry> Symbols { get; init; } = [];
    public IReadOnlyList<PatchEntry> Patches { get; init; } = [];

    /// <summary>File name of the update module inside the tarball directory.</summary>
    public string Module => $"ksplice_{Id}.ko";

    public const string CoreModule = "ksplice_core.ko";
}

/// <summary>The kernel an update was built for: `uname -r`, the version string (`uname -v`) and the compiler.</summary>
public sealed record KernelIdentity(string Release, string Version, string Compiler);

/// <summary>vmlinux or a module, and the objects of it that the update changes.</summary>
public sealed record TargetEntry(string Name, IReadOnlyList<string> Objects);

/// <summary>A changed or new function ("changed" | "new"), with the object and section it comes from.</summary>
public sealed record FunctionEntry(string Name, string Symbol, string Object, string Target, string Section, string Change);

/// <summary>New or copied data carried by the update ("new" | "copied").</summary>
public sealed record DataEntry(string Name, string Object, string Target, string Section, string Change, ulong Size);

/// <summary>
/// A reference the module loader cannot resolve: placeholder symbol in the update module, and what it stands for.
/// Kind is "function" or "data".
/// </summary>
public sealed record PlaceholderEntry(string Placeholder, string Name, string Object, string Target, string Kind);

/// <summary>One trampoline: the old function (by its placeholder), the pre section the matcher compares, and the
/// symbol of the array that receives the bytes the matcher saw.</summary>
public sealed record PatchEntry(int Index, string Name, string Object, string Target, string Old, string PreSection,
    ulong PreSize, string ExpectSymbol, int TrampolineOffset)
{
    /// <summary>The absolute symbol that receives the running function's size (at most <see cref="PreSize"/>).</summary>
    public string SizeSymbol { get; init; } = $"__ksplice_size_{Index}";
}
