// The apply tests run the matcher over the match tests' fixture images, which are Linux-only (they compile with gcc).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
