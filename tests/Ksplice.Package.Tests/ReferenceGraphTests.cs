using System.Xml.Linq;
using Xunit;

namespace Ksplice.Package.Tests;

/// <summary>
/// The arrows between the projects under src/, read from their .csproj files: the target side (Match, Apply) knows
/// nothing of building updates, the package format depends on nothing of either side, and only the CLI sees everything.
/// </summary>
public class ReferenceGraphTests
{
    private static readonly string[] CreateSide = ["Ksplice.Source", "Ksplice.Diff", "Ksplice.Update"];

    /// <summary>Project name -> the projects it references directly.</summary>
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Graph = ReadGraph();

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadGraph()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        return Directory.GetDirectories(src)
            .SelectMany(d => Directory.GetFiles(d, "*.csproj"))
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), p => (IReadOnlyList<string>)XDocument.Load(p)
                .Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToList());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ksplice.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Ksplice.sln above {AppContext.BaseDirectory}");
    }

    private static IReadOnlySet<string> Reachable(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Graph[project]);
        while (pending.TryPop(out var next))
            if (seen.Add(next) && Graph.TryGetValue(next, out var further)) foreach (var f in further) pending.Push(f);
        return seen;
    }

    [Fact]
    public void The_graph_is_read_from_the_project_files()
    {
        Assert.Contains("Ksplice.Package", Graph.Keys);
        Assert.Contains("Ksplice.Package", Graph["Ksplice.Apply"]);
        Assert.Contains("Ksplice.Elf", Graph["Ksplice.Diff"]);
    }

    [Fact]
    public void Apply_references_only_the_target_side()
    {
        string[] allowed = ["Ksplice.Elf", "Ksplice.Match", "Ksplice.Package", "Ksplice.Abi"];
        Assert.All(Graph["Ksplice.Apply"], r => Assert.Contains(r, allowed));
    }

    [Theory]
    [InlineData("Ksplice.Apply")]
    [InlineData("Ksplice.Match")]
    public void The_target_side_reaches_nothing_of_the_create_side(string project) =>
        Assert.Empty(Reachable(project).Intersect(CreateSide));

    [Fact]
    public void Package_reaches_neither_side()
    {
        Assert.Empty(Reachable("Ksplice.Package").Intersect([.. CreateSide, "Ksplice.Match", "Ksplice.Apply", "Ksplice.Cli"]));
        Assert.All(Graph["Ksplice.Package"], r => Assert.Equal("Ksplice.Elf", r));
    }

    [Fact]
    public void Cli_reaches_every_other_project()
    {
        var reachable = Reachable("Ksplice.Cli");
        Assert.All(Graph.Keys.Where(p => p != "Ksplice.Cli"), p => Assert.Contains(p, reachable));
    }

    [Fact]
    public void Nothing_references_the_cli() =>
        Assert.All(Graph, p => Assert.DoesNotContain("Ksplice.Cli", p.Value));
}
