using System.Text.Json.Nodes;

namespace Ksplice.Package.Tests.Fuzz;

/// <summary>JSON values a hostile manifest might hold where a well-formed one holds something else.</summary>
public static class HostileJson
{
    private static readonly string[] Strings =
    [
        "", "..", "../../etc/passwd", "/abs/path", "/", "a/../b", "a//b", "./a", "a\\b", "a\0b", "\u001b[31mred\u001b[0m",
        "\r\n", "\ud800", "ksplice_core.ko", "pre/kernel/printk/printk.o", "vmlinux", "changed", "copied", "function",
        "__ksplice_sym_0", "2026-11-22T02:28:52+00:00", "not a date", "0000000000000000000000000000000000000000000000000000000000000000",
        "ABC123", "abc-123", "a_very_long_id_that_is_more_than_thirty_two_characters",
    ];

    public static JsonNode? Value(Random random, int depth = 0) => random.Next(depth > 3 ? 12 : 15) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.NextDouble() * 1000 - 500),
        3 => JsonNode.Parse("1e308"),
        4 => JsonNode.Parse("123456789012345678901234567890"),
        5 => JsonValue.Create(-(long)random.Next() - 1),
        6 => JsonValue.Create(random.Next(2) == 0 ? long.MaxValue : long.MinValue),
        7 => JsonValue.Create(new string((char)random.Next(0x20, 0x7f), random.Next(1, 200_000))),
        8 or 9 or 10 => JsonValue.Create(Strings[random.Next(Strings.Length)]),
        11 => JsonValue.Create(random.Next(-3, 300)),
        12 => new JsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => Value(random, depth + 1)).ToArray()),
        13 => new JsonObject(Enumerable.Range(0, random.Next(4)).Select(i =>
            KeyValuePair.Create(i == 0 ? "name" : Strings[random.Next(Strings.Length)] + i, Value(random, depth + 1)))),
        _ => Nested(random.Next(1, 200)),
    };

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++) node = new JsonArray(node);
        return node;
    }
}
