namespace Ksplice.Update.Signing;

/// <summary>The update module cannot be signed as asked: a key or certificate that is not a readable regular file, no
/// scripts/sign-file for the kernel, or sign-file failing.</summary>
public sealed class SigningException(string message) : Exception(message);
