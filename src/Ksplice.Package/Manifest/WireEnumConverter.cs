using System.Text.Json.Serialization;

namespace Ksplice.Package.Manifest;

/// <summary>A manifest enum as its wire name (the enum member's <see cref="JsonStringEnumMemberNameAttribute"/>); numbers are refused.</summary>
public sealed class WireEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
