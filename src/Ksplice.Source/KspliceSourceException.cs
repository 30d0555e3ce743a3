namespace Ksplice.Source;

/// <summary>
/// A problem with the user's input or machine that Ksplice.Source can explain: the message names the file or
/// command involved and ends with what to do about it.
/// </summary>
public class KspliceSourceException(string message, Exception? inner = null) : Exception(message, inner);
