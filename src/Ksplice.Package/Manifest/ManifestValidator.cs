namespace Ksplice.Package.Manifest;

/// <summary>
/// The rules a deserialized manifest must meet before anything uses it, each problem named by its field
/// (<c>field 'patches[0].object': ...</c>): required text present, ids and paths well formed, every reference between
/// entries resolvable.
/// </summary>
public static class ManifestValidator
{
    public static IReadOnlyList<string> Check(UpdateManifest manifest)
    {
        var problems = new List<string>();
        void Problem(string field, string what) => problems.Add($"field '{field}': {what}");
        void Required(string field, string? value)
        {
            if (string.IsNullOrEmpty(value)) Problem(field, "missing or empty");
        }
        IReadOnlyList<T> List<T>(string field, IReadOnlyList<T>? list)
        {
            if (list is null) Problem(field, "missing; expected a list");
            return list ?? [];
        }

        if (!UpdateId.IsValid(manifest.Id)) Problem("id", $"'{manifest.Id}' is not a valid update id (expected {UpdateId.Rule})");
        Required("tool", manifest.Tool);
        if (manifest.Kernel is null)
        {
            Problem("kernel", "missing");
        }
        else
        {
            Required("kernel.release", manifest.Kernel.Release);
            Required("kernel.compiler", manifest.Kernel.Compiler);
        }

        var targets = new HashSet<string>(StringComparer.Ordinal);
        var objects = new HashSet<string>(StringComparer.Ordinal);
        var targetList = List("targets", manifest.Targets);
        if (targetList.Count == 0) Problem("targets", "an update changes at least one target");
        for (var i = 0; i < targetList.Count; i++)
        {
            var target = targetList[i];
            var field = $"targets[{i}]";
            if (target is null)
            {
                Problem(field, "null");
                continue;
            }
            Required(field + ".name", target.Name);
            if (!string.IsNullOrEmpty(target.Name) && !targets.Add(target.Name)) Problem(field + ".name", $"'{target.Name}' is listed twice");
            var objectList = List(field + ".objects", target.Objects);
            if (objectList.Count == 0) Problem(field + ".objects", "a target has at least one object");
            for (var j = 0; j < objectList.Count; j++)
            {
                var path = objectList[j];
                if (!PackageLayout.IsObjectPath(path)) Problem($"{field}.objects[{j}]", $"'{path}' is not a relative dir/name.o path without '..'");
                else if (!objects.Add(path)) Problem($"{field}.objects[{j}]", $"'{path}' is listed twice");
            }
        }

        void InTargets(string field, string target)
        {
            if (!string.IsNullOrEmpty(target) && !targets.Contains(target)) Problem(field, $"'{target}' is not one of the targets");
        }
        void InObjects(string field, string path)
        {
            if (!string.IsNullOrEmpty(path) && !objects.Contains(path)) Problem(field, $"'{path}' is not one of the targets' objects");
        }

        var functionsList = List("functions", manifest.Functions);
        var functions = new HashSet<(string, string)>();
        for (var i = 0; i < functionsList.Count; i++)
        {
            var f = functionsList[i];
            var field = $"functions[{i}]";
            if (f is null)
            {
                Problem(field, "null");
                continue;
            }
            if (!functions.Add((f.Object, f.Name))) Problem(field, $"'{f.Name}' of '{f.Object}' is listed twice");
            Required(field + ".name", f.Name);
            Required(field + ".symbol", f.Symbol);
            Required(field + ".section", f.Section);
            Required(field + ".object", f.Object);
            Required(field + ".target", f.Target);
            InObjects(field + ".object", f.Object);
            InTargets(field + ".target", f.Target);
            if (!Enum.IsDefined(f.Change)) Problem(field + ".change", "not 'changed' or 'new'");
        }

        var dataList = List("data", manifest.Data);
        var data = new HashSet<(string, string)>();
        for (var i = 0; i < dataList.Count; i++)
        {
            var d = dataList[i];
            var field = $"data[{i}]";
            if (d is null)
            {
                Problem(field, "null");
                continue;
            }
            if (!data.Add((d.Object, d.Name))) Problem(field, $"'{d.Name}' of '{d.Object}' is listed twice");
            Required(field + ".name", d.Name);
            Required(field + ".section", d.Section);
            Required(field + ".object", d.Object);
            Required(field + ".target", d.Target);
            InObjects(field + ".object", d.Object);
            InTargets(field + ".target", d.Target);
            if (!Enum.IsDefined(d.Change)) Problem(field + ".change", "not 'new' or 'copied'");
        }

        var hooksList = List("hooks", manifest.Hooks);
        for (var i = 0; i < hooksList.Count; i++)
        {
            var h = hooksList[i];
            var field = $"hooks[{i}]";
            if (h is null)
            {
                Problem(field, "null");
                continue;
            }
            if (string.IsNullOrEmpty(h.Kind) || !h.Kind.All(c => c is (>= 'a' and <= 'z') or '_'))
                Problem(field + ".kind", $"'{h.Kind}' is not a hook kind (e.g. check_apply)");
            Required(field + ".function", h.Function);
            Required(field + ".object", h.Object);
            InObjects(field + ".object", h.Object);
        }

        var escapesList = List("escapes", manifest.Escapes);
        for (var i = 0; i < escapesList.Count; i++)
        {
            if (escapesList[i] is not { } e)
            {
                Problem($"escapes[{i}]", "null");
                continue;
            }
            Required($"escapes[{i}].function", e.Function);
            Required($"escapes[{i}].from", e.From);
        }

        var placeholders = new HashSet<string>(StringComparer.Ordinal);
        var symbolsList = List("symbols", manifest.Symbols);
        for (var i = 0; i < symbolsList.Count; i++)
        {
            var s = symbolsList[i];
            var field = $"symbols[{i}]";
            if (s is null)
            {
                Problem(field, "null");
                continue;
            }
            Required(field + ".placeholder", s.Placeholder);
            if (!string.IsNullOrEmpty(s.Placeholder) && !placeholders.Add(s.Placeholder)) Problem(field + ".placeholder", $"'{s.Placeholder}' is listed twice");
            Required(field + ".name", s.Name);
            Required(field + ".target", s.Target);
            if (s.Object is null) Problem(field + ".object", "missing");
            InObjects(field + ".object", s.Object!);
            InTargets(field + ".target", s.Target);
            if (!Enum.IsDefined(s.Kind)) Problem(field + ".kind", "not 'function' or 'data'");
        }

        var patchesList = List("patches", manifest.Patches);
        for (var i = 0; i < patchesList.Count; i++)
        {
            var p = patchesList[i];
            var field = $"patches[{i}]";
            if (p is null)
            {
                Problem(field, "null");
                continue;
            }
            if (p.Index < 0) Problem(field + ".index", $"{p.Index} is negative");
            Required(field + ".name", p.Name);
            Required(field + ".object", p.Object);
            Required(field + ".target", p.Target);
            Required(field + ".old", p.Old);
            Required(field + ".preSection", p.PreSection);
            Required(field + ".expectSymbol", p.ExpectSymbol);
            Required(field + ".sizeSymbol", p.SizeSymbol);
            InObjects(field + ".object", p.Object);
            InTargets(field + ".target", p.Target);
            if (!string.IsNullOrEmpty(p.Old) && !placeholders.Contains(p.Old)) Problem(field + ".old", $"'{p.Old}' is not one of the symbols' placeholders");
            if (p.PreSize == 0) Problem(field + ".preSize", "0; the old function has no bytes to match");
            if (p.TrampolineOffset < 0) Problem(field + ".trampolineOffset", $"{p.TrampolineOffset} is negative");
        }

        if (manifest.Files is { } files)
        {
            foreach (var (path, digest) in files)
            {
                if (!PackageLayout.IsSafeRelativePath(path)) Problem("files", $"'{path}' is not a relative path without '..'");
                else if (!FileDigest.IsDigest(digest)) Problem($"files.{path}", $"'{digest}' is not a lowercase hex SHA-256");
            }
        }
        return problems;
    }
}
