using Ksplice.Apply.Kernel;

namespace Ksplice.Apply.Tests.Support;

/// <summary>An update's sysfs directory in a <see cref="RecordedKernel"/>: there while its module is loaded; the stage
/// changes as the kernel's chosen answer says.</summary>
public sealed class RecordedUpdateSysfs(RecordedKernel kernel, string id) : IUpdateSysfs
{
    public string Id { get; } = id;

    public bool Exists => kernel.Stages.ContainsKey(Id);

    public UpdateStage Stage => kernel.Stages.TryGetValue(Id, out var stage) ? stage : throw new IOException($"no update {Id} is loaded");

    public StageResult Apply()
    {
        var answer = Answer("apply", kernel.ApplyAnswer);
        return kernel.ApplyThrows is { } e ? throw e : answer;
    }

    public StageResult Reverse() => Answer("reverse", kernel.ReverseAnswer);

    private StageResult Answer(string action, StageResult answer)
    {
        if (!Exists) throw new IOException($"no update {Id} is loaded");
        kernel.Actions.Add($"{action} {Id}");
        kernel.Stages[Id] = answer.Stage;
        return answer;
    }
}
