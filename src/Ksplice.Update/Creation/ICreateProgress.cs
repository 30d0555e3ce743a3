namespace Ksplice.Update.Creation;

/// <summary>What ksplice-create reports while it works; the CLI decides how to show it.</summary>
public interface ICreateProgress
{
    /// <summary>A step that may take a while ("Building 2 objects in the original tree").</summary>
    void Step(string message);

    /// <summary>A detail shown with -v.</summary>
    void Detail(string message);

    /// <summary>Something the user should read even when it does not stop the build.</summary>
    void Warning(string message);
}
