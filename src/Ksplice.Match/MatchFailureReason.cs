namespace Ksplice.Match;

/// <summary>Why a function or symbol failed, in more detail than <see cref="MatchFailureKind"/>.</summary>
public enum MatchFailureReason
{
    /// <summary>Running bytes differ from the pre bytes outside any relocated field or patch site.</summary>
    BytesDiffer,
    /// <summary>A patch site holds none of the forms the kernel may write there.</summary>
    IllegalSiteForm,
    /// <summary>A string or merged constant the code refers to has different contents.</summary>
    DataDiffers,
    /// <summary>A relocated field implies a value that contradicts one learnt elsewhere.</summary>
    Conflict,
    /// <summary>The running memory could not be read.</summary>
    Unreadable,
    /// <summary>kallsyms has no candidate for the function.</summary>
    NoCandidates,
    /// <summary>Several candidates match and nothing learnt tells them apart.</summary>
    Ambiguous,
    /// <summary>A placeholder's symbol was neither learnt nor unique in kallsyms.</summary>
    NotFound,
    /// <summary>The request names an object or symbol the pre objects do not have.</summary>
    BadRequest,
    /// <summary>The running function is too short for the trampoline and is not followed by padding.</summary>
    NoRoomForTrampoline,
    /// <summary>A relocation type the matcher cannot interpret.</summary>
    UnsupportedRelocation,
}
