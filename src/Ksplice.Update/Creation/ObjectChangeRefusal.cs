using Ksplice.Diff.Model;

namespace Ksplice.Update.Creation;

/// <summary>The differ found a change in an object that a live update cannot carry.</summary>
public sealed record ObjectChangeRefusal(Refusal Refusal) : CreateRefusal;
