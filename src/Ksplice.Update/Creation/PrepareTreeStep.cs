using Ksplice.Source;
using Ksplice.Source.Config;
using Ksplice.Source.Kbuild;
using Ksplice.Source.Process;
using Ksplice.Source.Toolchain;
using Ksplice.Source.Trees;

namespace Ksplice.Update.Creation;

/// <summary>Opens the source tree and its configuration, checks the compiler, and prepares the tree once (olddefconfig, modules_prepare).</summary>
public static class PrepareTreeStep
{
    public static CreateContext Run(CreateRequest request, IProcessRunner runner, ICreateProgress progress)
    {
        if (!Directory.Exists(request.KernelSource))
            throw new KspliceSourceException($"{request.KernelSource}: no such directory; KERNEL_SOURCE must be the running kernel's source tree (e.g. /usr/src/linux-source-6.1 extracted)");
        var source = SourceTree.Open(request.KernelSource);
        var configDir = ConfigDir.Open(request.ConfigDir ?? ConfigDir.DefaultPath(source.Path));
        var compiler = CompilerCheck.Check(runner, configDir.Config);
        var headers = configDir.ResolveHeaders();
        var kbuild = new KbuildDriver(runner, KbuildOptions.For(compiler, headers, JobCount.Resolve(request.Jobs, Environment.GetEnvironmentVariable("CONCURRENCY_LEVEL"))));
        progress.Detail($"kernel {headers.Release}, compiler {compiler.VersionText}, {kbuild.Options.Jobs} jobs");

        progress.Step("Preparing the kernel tree (olddefconfig, modules_prepare)");
        var prepared = source.Prepare(configDir, headers.ModuleSymversPath, kbuild);
        progress.Detail(prepared.AlreadyPrepared ? "tree already prepared" : $"tree prepared in {prepared.Elapsed.TotalSeconds:0.0} s");

        var postDir = Path.GetFullPath(request.PostDir ?? PostTree.DefaultPath(configDir.Path));
        return new CreateContext(request, runner, progress, source, configDir, compiler, headers, kbuild, postDir);
    }
}
