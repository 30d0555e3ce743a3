using Ksplice.Source.Trees;

namespace Ksplice.Update.Building;

/// <summary>
/// kmod/include/ksplice-patch.h, the header for patch authors (hooks and shadow variables), shipped inside the tool
/// and put into the post tree as include/linux/ksplice-patch.h before the patch is applied, so a patched file can
/// `#include &lt;linux/ksplice-patch.h&gt;`. The next reset of the post tree removes it again.
/// </summary>
public static class AuthorHeader
{
    public const string KmodPath = "include/ksplice-patch.h";
    public const string TreePath = "include/linux/ksplice-patch.h";

    public static string Text => KmodSources.Read(KmodPath);

    public static void Install(PostTree post)
    {
        if (File.Exists(post.Source.FullPath(TreePath)))
            throw new UpdateBuildException($"{post.Source.Path}/{TreePath} exists: the kernel tree has its own file where ksplice-create puts its header for patch authors; remove it from the tree");
        post.RecordTouched([TreePath]);
        SafeFile.WriteAllTextReplacing(post.FullPath(TreePath), Text);
    }
}
