using System.Diagnostics;
using Ksplice.Dwarf;
using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.Types.Internal;

namespace Ksplice.Types;

/// <summary>
/// The create-time type check of one affected object: compares the DWARF of the pre and post builds and refuses
/// each change of a struct/union layout, enum value, static variable type or function prototype that code or data
/// outside the update still sees (<see cref="TypeUseRule"/>). Never accepts what it cannot read: an object without
/// readable debug information is refused as <see cref="TypeChangeKind.Unverifiable"/>.
/// </summary>
public static class TypeChangeCheck
{
    public static TypeCheckResult Check(TypeCheckRequest request)
    {
        var clock = Stopwatch.StartNew();
        ElfObject preElf, postElf;
        DwarfDebugInfo preInfo, postInfo;
        try
        {
            preElf = ElfReader.ReadFile(request.PrePath);
            postElf = ElfReader.ReadFile(request.PostPath);
            preInfo = DwarfReader.Read(preElf);
            postInfo = DwarfReader.Read(postElf);
        }
        catch (Exception e) when (e is DwarfFormatException or ElfFormatException or ArgumentOutOfRangeException or OverflowException)
        {
            var unreadable = new TypeRefusal(TypeChangeKind.Unverifiable, "debug information", request.ObjectPath)
            {
                Changes = [$"cannot read the debug information: {e.Message}"],
                Reasons = ["type changes cannot be ruled out (build the objects with CONFIG_DEBUG_INFO=y)"],
            };
            return Split([unreadable], request) with { Elapsed = clock.Elapsed };
        }
        var pre = new ObjectTypeIndex(preElf, preInfo);
        var post = new ObjectTypeIndex(postElf, postInfo);
        var replaced = request.ReplacedFunctions.ToHashSet(StringComparer.Ordinal);
        var refusals = new List<TypeRefusal>();
        refusals.AddRange(Layouts(request, pre, post, replaced));
        refusals.AddRange(Constants(request, pre, post, replaced));
        refusals.AddRange(Variables(request, pre, post));
        refusals.AddRange(Prototypes(request, pre, post, preElf, replaced));
        return Split(refusals, request) with { Elapsed = clock.Elapsed };
    }

    private static IEnumerable<TypeRefusal> Layouts(TypeCheckRequest request, ObjectTypeIndex pre, ObjectTypeIndex post, IReadOnlySet<string> replaced)
    {
        foreach (var (key, before) in pre.Types.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!post.Types.TryGetValue(key, out var after)) continue;
            var changes = LayoutComparer.Compare(before, after);
            if (changes.Count == 0) continue;
            var isEnum = before.Tag == DwarfTag.EnumerationType;
            var constantsChanged = isEnum && EnumConstants.Compare(before, EnumConstants.ByName([after]), removals: true).Count > 0;
            var change = new TypeRefusal(isEnum ? TypeChangeKind.EnumValues : TypeChangeKind.Layout, key, request.ObjectPath)
            {
                Changes = changes,
                DeclaredAt = TypeNames.DeclaredAt(before),
            };
            if (TypeUseRule.Judge(change, pre, before, replaced, constantsChanged) is { } refusal) yield return refusal;
        }
    }

    /// <summary>The enums <see cref="Layouts"/> does not pair by name (no name and no typedef, or renamed): each constant
    /// is looked up by name in every enum of the post object. A constant the post object lacks is not counted: gcc
    /// leaves out the enums whose constants an object does not use.</summary>
    private static IEnumerable<TypeRefusal> Constants(TypeCheckRequest request, ObjectTypeIndex pre, ObjectTypeIndex post, IReadOnlySet<string> replaced)
    {
        var paired = pre.Types.Where(t => post.Types.ContainsKey(t.Key)).Select(t => t.Value.Offset).ToHashSet();
        var keys = pre.Types.GroupBy(t => t.Value.Offset).ToDictionary(g => g.Key, g => g.Select(t => t.Key).Order(StringComparer.Ordinal).First());
        var after = EnumConstants.ByName(post.Enums);
        var changed = pre.Enums.Where(e => !paired.Contains(e.Offset))
            .Select(e => (Entry: e, Name: keys.GetValueOrDefault(e.Offset) ?? EnumConstants.AnonymousName(e), Changes: EnumConstants.Compare(e, after, removals: false)))
            .Where(e => e.Changes.Count > 0)
            .OrderBy(e => e.Name, StringComparer.Ordinal);
        foreach (var (entry, name, changes) in changed)
        {
            var change = new TypeRefusal(TypeChangeKind.EnumValues, name, request.ObjectPath) { Changes = changes, DeclaredAt = TypeNames.DeclaredAt(entry) };
            if (TypeUseRule.Judge(change, pre, entry, replaced, constantsChanged: true) is { } refusal) yield return refusal;
        }
    }

    /// <summary>A variable with static storage of the pre object exists in the running kernel: any change of its type or size is
    /// refused. The definition is compared, not an <c>extern</c> declaration before it.</summary>
    private static IEnumerable<TypeRefusal> Variables(TypeCheckRequest request, ObjectTypeIndex pre, ObjectTypeIndex post)
    {
        var pairs = DefinitionPairs.Of(pre.Data, post.Data, d => d.Name, d => !d.Entry.IsDeclaration,
            (a, b) => LayoutComparer.CompareTypes(a.Type, b.Type, "type").Count == 0, d => TypeNames.Describe(d.Type));
        foreach (var (name, d, p, disagreement) in pairs)
        {
            var changes = disagreement is null ? LayoutComparer.CompareTypes(d.Type, p.Type, "type") : [disagreement];
            if (changes.Count == 0) continue;
            yield return new TypeRefusal(TypeChangeKind.Variable, "variable " + name, request.ObjectPath)
            {
                Changes = changes,
                DeclaredAt = TypeNames.DeclaredAt(d.Entry),
                Data = [d.Label],
                Reasons = [disagreement is null
                    ? "the running kernel's copy keeps the old type and size, and the code that stays reads it that way"
                    : "which of them is the running kernel's copy cannot be told, so a change of its type cannot be ruled out"],
            };
        }
    }

    /// <summary>A changed prototype, compared as the source declares it (a clone such as <c>foo.isra.0</c> may take fewer
    /// or reordered parameters).</summary>
    private static IEnumerable<TypeRefusal> Prototypes(TypeCheckRequest request, ObjectTypeIndex pre, ObjectTypeIndex post, ElfObject preElf, IReadOnlySet<string> replaced)
    {
        var pairs = DefinitionPairs.Of(pre.Functions, post.Functions, f => f.Name, _ => true, (a, b) => Prototype(a) == Prototype(b), Prototype);
        foreach (var (name, f, p, disagreement) in pairs)
        {
            var before = Prototype(f);
            var now = Prototype(p);
            if (disagreement is null && before == now) continue;
            var change = new TypeRefusal(TypeChangeKind.Prototype, "function " + name, request.ObjectPath)
            {
                Changes = [disagreement ?? $"prototype {before} -> {now}"],
                DeclaredAt = TypeNames.DeclaredAt(f.Entry),
            };
            if (disagreement is not null)
            {
                yield return change with { Reasons = ["which of them callers reach cannot be told, so a change of its prototype cannot be ruled out"] };
                continue;
            }
            if (f.External)
            {
                yield return change with { Reasons = ["it is not static: callers in objects this update does not rebuild still pass the old arguments and expect the old return type"] };
                continue;
            }
            var callers = SymbolReferences.To(preElf, f.Name).Where(c => !replaced.Contains(c)).ToList();
            if (callers.Count > 0)
                yield return change with
                {
                    Functions = callers,
                    Reasons = ["those callers stay in the running kernel, or its address is kept where the old arguments will be passed, and reach the new code"],
                };
        }
    }

    private static string Prototype(FunctionUse f)
    {
        var parameters = ObjectTypeIndex.Parameters(f.Entry).Select(p => TypeNames.Describe(p.Type ?? p.Reference(DwarfAttribute.AbstractOrigin)?.Type)).ToList();
        if (ObjectTypeIndex.IsVariadic(f.Entry)) parameters.Add("...");
        return $"{TypeNames.Describe(ObjectTypeIndex.ReturnType(f.Entry))} {f.Name}({string.Join(", ", parameters)})";
    }

    private static TypeCheckResult Split(List<TypeRefusal> refusals, TypeCheckRequest request)
    {
        var allowed = request.AllowedTypes.ToHashSet(StringComparer.Ordinal);
        return new TypeCheckResult(
            refusals.Where(r => r.Kind == TypeChangeKind.Unverifiable || !allowed.Contains(r.AllowName)).ToList(),
            refusals.Where(r => r.Kind != TypeChangeKind.Unverifiable && allowed.Contains(r.AllowName)).ToList());
    }
}
