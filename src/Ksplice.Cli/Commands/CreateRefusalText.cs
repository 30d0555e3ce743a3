using Ksplice.Diff.Model;
using Ksplice.Types;
using Ksplice.Update.Creation;

namespace Ksplice.Cli.Commands;

/// <summary>The line ksplice-create prints for each refusal: "path: reason" for a touched file, "object: symbol:
/// explanation (detail)" for a change in an object.</summary>
public static class CreateRefusalText
{
    public static string Line(CreateRefusal refusal) => refusal switch
    {
        TouchedFileRefusal { Refusal: var r } => $"{r.Path}: {r.Reason}",
        ObjectChangeRefusal { Refusal: var r } => $"{r.Object}: {r.Symbol}: {RefusalText.Explain(r.Reason)}{(r.Detail.Length > 0 ? $" ({r.Detail})" : "")}",
        TypeChangeRefusal { Refusals: var r } => string.Join('\n', TypeRefusalMerger.Messages(r)),
        UnmatchedAllowanceRefusal { Allowance: var a } => TerminalTextWriter.Clean(a.ToString()),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "unknown refusal"),
    };
}
