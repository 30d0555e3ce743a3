namespace Ksplice.Bench.Guest;

/// <summary>An update tarball made by ksplice-create; <see cref="Id"/> is its manifest id.</summary>
public sealed record GuestUpdate(string Id, string Tarball);
