using Xunit;
using Xunit.Abstractions;

namespace Ksplice.Types.Tests;

/// <summary>Each kind of type change on small gcc fixtures (tests/fixtures/types): what is refused, what is named, what is allowed.</summary>
public class TypeChangeCheckTests(ITestOutputHelper output)
{
    private TypeRefusal Single(TypeCheckResult result, string name)
    {
        foreach (var r in result.Refusals) output.WriteLine(r.ToString());
        var refusal = Assert.Single(result.Refusals, r => r.Name == name);
        Assert.EndsWith("--allow-type-change='" + name + "'.", refusal.ToString());
        Assert.Equal(refusal.Changes.Distinct(), refusal.Changes);
        return refusal;
    }

    [Theory]
    [InlineData("-gdwarf-5")]
    [InlineData("-gdwarf-4")]
    public void Member_added_is_refused_with_offset_sizes_and_the_staying_function(string dwarf)
    {
        var r = Single(TypeFixture.Check("member-added", ["change"], dwarf: dwarf), "struct foo_sock");
        Assert.Equal(TypeChangeKind.Layout, r.Kind);
        Assert.Contains("size 16 -> 24", r.Changes);
        Assert.Contains("member 'bar' added at +8 (4 bytes)", r.Changes);
        Assert.Contains("member 'b' moved +8 -> +16", r.Changes);
        Assert.Equal(["stay"], r.Functions);
        Assert.Contains(r.Reasons, x => x.Contains("non-static functions take or return it", StringComparison.Ordinal) && x.Contains("change", StringComparison.Ordinal));
        Assert.Contains("member-added.o: struct foo_sock", r.ToString());
    }

    [Fact]
    public void Member_removed_is_refused_naming_the_data_that_exists_before_the_update()
    {
        var r = Single(TypeFixture.Check("member-removed", ["change"]), "struct foo");
        Assert.Contains("member 'gone' removed (was at +4)", r.Changes);
        Assert.DoesNotContain(r.Changes, c => c.StartsWith("size", StringComparison.Ordinal));
        Assert.Contains("table", r.Data);
    }

    [Fact]
    public void Member_moved_is_refused()
    {
        var r = Single(TypeFixture.Check("member-moved", ["change"]), "struct foo");
        Assert.Contains("member 'a' moved +0 -> +4", r.Changes);
        Assert.Contains("member 'b' moved +4 -> +0", r.Changes);
        Assert.Equal(["stay"], r.Functions);
    }

    [Fact]
    public void Member_resized_is_refused()
    {
        var r = Single(TypeFixture.Check("member-resized", ["change"]), "struct foo");
        Assert.Contains("size 8 -> 16", r.Changes);
        Assert.Contains("member 'b': type int -> long int", r.Changes);
        Assert.Contains("member 'b' moved +4 -> +8", r.Changes);
    }

    [Theory]
    [InlineData("-gdwarf-5")]
    [InlineData("-gdwarf-4")]
    public void Bit_field_change_is_refused(string dwarf)
    {
        var r = Single(TypeFixture.Check("bitfield", ["change"], dwarf: dwarf), "struct flags");
        Assert.Contains("member 'mode': bit-field +0 bit 1, 3 bits -> +0 bit 1, 4 bits", r.Changes);
        Assert.Contains("member 'rest': bit-field +0 bit 4, 4 bits -> +0 bit 5, 3 bits", r.Changes);
        Assert.Equal(["stay"], r.Functions);
    }

    [Fact]
    public void Union_growing_is_refused()
    {
        var r = Single(TypeFixture.Check("union", ["change"]), "union value");
        Assert.Contains("size 4 -> 8", r.Changes);
        Assert.Contains("member 'l' added at +0 (8 bytes)", r.Changes);
    }

    [Fact]
    public void Nested_types_are_refused_embedded_and_anonymous()
    {
        var result = TypeFixture.Check("nested", ["change"]);
        var inner = Single(result, "struct inner");
        Assert.Contains("member 'y' added at +4 (4 bytes)", inner.Changes);
        Assert.Equal(["stay"], inner.Functions);
        var outer = Single(result, "struct outer");
        Assert.Contains("member 'half.hi': type short int -> int", outer.Changes);
        Assert.Contains("member 'half': size 4 -> 8", outer.Changes);
        Assert.Contains("member 'half' moved +8 -> +12", outer.Changes);
    }

    [Fact]
    public void Type_reached_only_through_a_pointer_is_refused()
    {
        var r = Single(TypeFixture.Check("pointed-to", ["change"]), "struct target");
        Assert.Contains("member 'extra' added at +4 (4 bytes)", r.Changes);
        Assert.Equal(["stay"], r.Functions);
        Assert.DoesNotContain(TypeFixture.Check("pointed-to", ["change"]).Refusals, x => x.Name == "struct holder");
    }

    [Fact]
    public void Enum_renumbered_is_refused()
    {
        var r = Single(TypeFixture.Check("enum-renumbered", ["change"]), "enum state");
        Assert.Equal(TypeChangeKind.EnumValues, r.Kind);
        Assert.Contains("constant RUNNING: 1 -> 2", r.Changes);
        Assert.Contains("constant DONE: 2 -> 3", r.Changes);
        Assert.Equal(["stay"], r.Functions);
    }

    [Fact]
    public void Enum_constant_renumbered_is_refused_when_code_stays_even_if_no_staying_code_names_the_type()
    {
        var r = Single(TypeFixture.Check("enum-constant-stays", ["work", "change"]), "enum state");
        Assert.Contains("constant RUNNING: 1 -> 2", r.Changes);
        Assert.Empty(r.Functions);
        Assert.Contains(r.Reasons, x => x.StartsWith("its constants are compiled into code and data as plain numbers", StringComparison.Ordinal)
            && x.Contains("the functions staying in the running kernel (stay)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-gdwarf-5")]
    [InlineData("-gdwarf-4")]
    public void Anonymous_enum_renumbered_is_refused_naming_the_constant_its_values_and_the_object(string dwarf)
    {
        var r = Single(TypeFixture.Check("enum-anonymous", ["change"], dwarf: dwarf), "enum {MODE_OFF, ...}");
        Assert.Equal(TypeChangeKind.EnumValues, r.Kind);
        Assert.Equal(["constant MODE_ON: 2 -> 3"], r.Changes);
        Assert.Contains(r.Reasons, x => x.Contains("DWARF does not record which code compares against them", StringComparison.Ordinal)
            && x.Contains("(stay)", StringComparison.Ordinal));
        Assert.StartsWith("enum-anonymous.o: enum {MODE_OFF, ...} (", r.ToString());
        Assert.Contains("constant MODE_ON: 2 -> 3", r.ToString());
    }

    [Fact]
    public void Anonymous_enum_renumbered_is_refused_even_when_every_function_is_replaced_while_one_is_non_static()
    {
        var r = Single(TypeFixture.Check("enum-anonymous", ["change", "stay"]), "enum {MODE_OFF, ...}");
        Assert.Contains(r.Reasons, x => x.Contains("callers in other objects of its non-static functions (change, stay)", StringComparison.Ordinal));
    }

    [Fact]
    public void Anonymous_enum_with_a_constant_only_added_is_allowed()
    {
        var result = TypeFixture.Check("enum-anonymous-added", ["change"]);
        foreach (var x in result.Refusals) output.WriteLine(x.ToString());
        Assert.Empty(result.Refusals);
    }

    [Fact]
    public void Anonymous_enum_renumbered_is_allowed_only_when_no_code_data_or_caller_can_keep_the_old_values()
    {
        var result = TypeFixture.Check("enum-anonymous-replaced", ["change"]);
        foreach (var x in result.Refusals) output.WriteLine(x.ToString());
        Assert.Empty(result.Refusals);
        Assert.Single(TypeFixture.Check("enum-anonymous-replaced", []).Refusals, x => x.Name == "enum {MODE_OFF, ...}");
    }

    [Fact]
    public void Anonymous_struct_as_a_variable_type_is_compared_member_by_member()
    {
        var r = Single(TypeFixture.Check("anonymous-variable", ["change"]), "variable state");
        Assert.Equal(TypeChangeKind.Variable, r.Kind);
        Assert.Contains("type: size 8 -> 24", r.Changes);
        Assert.Contains("member 'extra' added at +8 (8 bytes)", r.Changes);
        Assert.Contains("member 'b' moved +4 -> +16", r.Changes);
    }

    [Fact]
    public void Variable_declared_extern_before_its_definition_is_compared_by_its_definition()
    {
        var r = Single(TypeFixture.Check("extern-first", ["stay"]), "variable counters");
        Assert.Equal(["type: type int[4] -> int[8]"], r.Changes);
        Assert.Equal(["counters"], r.Data);
        Assert.StartsWith("extern-first.o: variable counters (", r.ToString());
    }

    [Fact]
    public void Static_variables_of_one_name_that_disagree_are_refused_unless_every_definition_is_unchanged()
    {
        var r = Single(TypeFixture.Check("static-local-twins", ["count"]), "variable count::seen");
        Assert.Equal(["the definitions of count::seen disagree (before the patch: int; long int[2]; after the patch: int; long int[4])"], r.Changes);
        Assert.Contains(r.Reasons, x => x.StartsWith("which of them is the running kernel's copy cannot be told", StringComparison.Ordinal));
        var (pre, _) = TypeFixture.Build("static-local-twins");
        Assert.Empty(TypeChangeCheck.Check(new TypeCheckRequest("static-local-twins.o", pre, pre)).Refusals);
    }

    [Fact]
    public void Prototype_is_compared_as_the_source_declares_it_not_as_a_clone_reorders_it()
    {
        var result = TypeFixture.Check("prototype-clone", ["pick.isra.0"]);
        foreach (var x in result.Refusals) output.WriteLine(x.ToString());
        Assert.Empty(result.Refusals);
    }

    [Fact]
    public void Prototype_of_a_non_static_function_is_refused()
    {
        var r = Single(TypeFixture.Check("prototype-global", ["send"]), "function send");
        Assert.Equal(TypeChangeKind.Prototype, r.Kind);
        Assert.Contains("prototype int send(int, int) -> int send(int, long int, int)", r.Changes);
        Assert.Contains(r.Reasons, x => x.StartsWith("it is not static", StringComparison.Ordinal));
    }

    [Fact]
    public void Prototype_of_a_static_function_is_refused_while_a_caller_stays()
    {
        var staying = TypeFixture.Check("prototype-static", ["helper"]);
        var r = Single(staying, "function helper");
        Assert.Contains(r.Functions, f => f.StartsWith("caller", StringComparison.Ordinal));
        var both = TypeFixture.Check("prototype-static", ["helper", "caller"]);
        Assert.DoesNotContain(both.Refusals, x => x.Name == "function helper");
    }

    [Fact]
    public void Prototype_of_a_static_function_whose_address_is_stored_is_refused_even_when_replaced()
    {
        var r = Single(TypeFixture.Check("prototype-address", ["helper"]), "function helper");
        Assert.Contains(r.Functions, f => f.StartsWith("data in .data", StringComparison.Ordinal));
    }

    [Fact]
    public void Variable_whose_type_changed_is_refused()
    {
        var r = Single(TypeFixture.Check("variable", ["change"]), "variable counters");
        Assert.Equal(TypeChangeKind.Variable, r.Kind);
        Assert.Contains("type: type int[4] -> long int[8]", r.Changes);
    }

    [Fact]
    public void Type_declared_in_a_header_is_refused_even_when_only_replaced_code_uses_it()
    {
        var r = Single(TypeFixture.Check("header", ["work"]), "struct foo_hdr");
        Assert.Empty(r.Functions);
        Assert.Contains(r.Reasons, x => x.Contains("declared in include/linux/foo.h", StringComparison.Ordinal));
    }

    [Fact]
    public void New_type_used_by_new_data_is_allowed()
    {
        var result = TypeFixture.Check("allowed-new-type", ["entry"]);
        foreach (var x in result.Refusals) output.WriteLine(x.ToString());
        Assert.Empty(result.Refusals);
    }

    [Fact]
    public void Member_added_to_a_type_only_replaced_static_code_uses_is_allowed()
    {
        var result = TypeFixture.Check("allowed-private", ["work"]);
        foreach (var x in result.Refusals) output.WriteLine(x.ToString());
        Assert.Empty(result.Refusals);
    }

    [Fact]
    public void Member_added_to_a_private_type_is_refused_when_the_user_stays()
    {
        var r = Single(TypeFixture.Check("allowed-private", []), "struct scratch");
        Assert.Contains(r.Functions, f => f.StartsWith("work", StringComparison.Ordinal));
    }

    [Fact]
    public void Allow_type_change_moves_the_refusal_to_the_allowed_list()
    {
        var result = TypeFixture.Check("member-added", ["change"], allowed: ["struct foo_sock"]);
        Assert.Empty(result.Refusals);
        Assert.Equal("struct foo_sock", Assert.Single(result.Allowed).Name);
        Assert.Equal(["WARNING: type change allowed by the author: struct foo_sock (the update must keep old instances safe itself: shadow data or hooks)"],
            AllowedTypeChanges.DescriptionLines(result.Allowed.Select(a => a.Name)));
    }

    [Fact]
    public void Allow_type_change_that_matches_no_change_is_refused_naming_the_changed_types()
    {
        var result = TypeFixture.Check("member-added", ["change"], allowed: ["struct foo_sock", "struct foo_sok"]);
        var unmatched = Assert.Single(AllowedTypeChanges.Unmatched(["struct foo_sock", "struct foo_sok"], [result]));
        Assert.True(unmatched.Refused);
        Assert.Equal("--allow-type-change='struct foo_sok' matches no type change that would be refused; the changed types are: 'struct foo_sock'",
            unmatched.ToString());
        var refused = TypeFixture.Check("member-added", ["change"], allowed: ["struct foo_sok"]);
        Assert.Equal(["struct foo_sock"], Assert.Single(AllowedTypeChanges.Unmatched(["struct foo_sok"], [refused])).ChangedTypes);
    }

    [Fact]
    public void Allow_type_change_while_no_type_changed_is_only_a_warning()
    {
        var result = TypeFixture.Check("allowed-private", ["work"], allowed: ["struct scratch"]);
        Assert.Empty(result.Refusals);
        var unmatched = Assert.Single(AllowedTypeChanges.Unmatched(["struct scratch"], [result]));
        Assert.False(unmatched.Refused);
        Assert.Equal("--allow-type-change='struct scratch' matches no type change that would be refused; it allows nothing", unmatched.ToString());
    }

    [Fact]
    public void Object_without_debug_information_is_refused_not_accepted()
    {
        var dir = Path.Combine(TestSupport.TestPaths.Fixtures, "types", "member-added");
        string[] flags = [.. TestSupport.FixtureCache.KernelLikeFlags];
        var pre = TestSupport.FixtureCache.Compile(File.ReadAllText(Path.Combine(dir, "pre.c")), flags);
        var post = TestSupport.FixtureCache.Compile(File.ReadAllText(Path.Combine(dir, "post.c")), flags);
        var result = TypeChangeCheck.Check(new TypeCheckRequest("x.o", pre, post));
        var r = Assert.Single(result.Refusals);
        Assert.Equal(TypeChangeKind.Unverifiable, r.Kind);
        Assert.Contains("no .debug_info", r.ToString());
        Assert.EndsWith("(CONFIG_DEBUG_INFO=y) so type changes can be checked.", r.ToString());
    }

    [Fact]
    public void Unchanged_layouts_are_not_refused()
    {
        var (pre, _) = TypeFixture.Build("nested");
        var result = TypeChangeCheck.Check(new TypeCheckRequest("nested.o", pre, pre) { ReplacedFunctions = [] });
        Assert.Empty(result.Refusals);
    }

    [Fact]
    public void Same_type_refused_in_two_objects_is_one_message_naming_the_users_of_each()
    {
        var one = TypeFixture.Check("member-added", ["change"]).Refusals.Single(r => r.Name == "struct foo_sock");
        var two = one with { ObjectPath = "net/foo/diag.o", Functions = ["diag_dump"] };
        var message = Assert.Single(TypeRefusalMerger.Messages([one, two]));
        output.WriteLine(message);
        Assert.StartsWith("struct foo_sock", message);
        Assert.Contains("used by 1 function of member-added.o (stay) and by 1 function of net/foo/diag.o (diag_dump)", message);
        Assert.EndsWith("--allow-type-change='struct foo_sock'.", message);
    }

    [Fact]
    public void Private_type_behind_a_void_handle_is_refused_even_when_every_user_is_replaced()
    {
        var r = Single(TypeFixture.Check("heap-private", ["open_session", "read_session", "entry"]), "struct session");
        Assert.Empty(r.Functions);
        Assert.Contains(r.Reasons, x => x.StartsWith("it is reached through other types (struct session *)", StringComparison.Ordinal));
    }
}
