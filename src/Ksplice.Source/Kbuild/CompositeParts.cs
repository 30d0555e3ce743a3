namespace Ksplice.Source.Kbuild;

/// <summary>The parts of a composite object <c>foo.o</c>: <c>foo-objs</c>, <c>foo-y</c> and <c>foo-m</c>, as written.</summary>
public sealed record CompositeParts(IReadOnlyList<string> Objs, IReadOnlyList<string> Y, IReadOnlyList<string> M)
{
    public bool IsEmpty => Objs.Count == 0 && Y.Count == 0 && M.Count == 0;

    /// <summary>The parts kbuild links when the composite is built in (<c>-objs -y</c>) or a module (also <c>-m</c>).</summary>
    public IEnumerable<string> For(bool module) => module ? Objs.Concat(Y).Concat(M) : Objs.Concat(Y);
}
