using Ksplice.Source.Config;
using Ksplice.Source.Kbuild;
using Ksplice.Source.Kernel;
using Ksplice.Source.Process;
using Ksplice.Source.Toolchain;
using Ksplice.Source.Trees;

namespace Ksplice.Update.Creation;

/// <summary>What every step of ksplice-create after <see cref="PrepareTreeStep"/> shares: the request, the tools and
/// the prepared tree with its configuration, compiler and headers.</summary>
public sealed record CreateContext(
    CreateRequest Request,
    IProcessRunner Runner,
    ICreateProgress Progress,
    SourceTree Source,
    ConfigDir ConfigDir,
    CompilerInfo Compiler,
    HeadersDir Headers,
    KbuildDriver Kbuild,
    string PostDir)
{
    /// <summary>Directories inside the source tree that are not source: ksplice's own and the post tree.</summary>
    public IReadOnlyList<string> Excluded => [ConfigDir.Path, PostDir];
}
