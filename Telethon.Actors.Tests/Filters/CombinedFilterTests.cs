using Telethon.Events;
using Telethon.Filters;
using Telethon.Tests.Events;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Filters;

/// <summary>
/// Telethon's rules for combined filters (its Combinable): several <c>|</c> or <c>&amp;</c> make one Any or All, and
/// <c>~</c> (here <c>!</c>) toggles. Merging changes the shape, never the outcome or the order of the checks.
/// </summary>
public sealed class CombinedFilterTests
{
    private static readonly Filter A = Filter.Text("a");
    private static readonly Filter B = Filter.Text("b");
    private static readonly Filter C = Filter.Text("c");
    private static readonly Filter D = Filter.Text("d");

    [Fact]
    public void Chained_or_is_one_Any_of_every_filter_in_order()
    {
        var any = A | B | C;
        Assert.Equal([A, B, C], any.Filters);
        Assert.Equal([A, B, C, D], ((A | B) | (C | D)).Filters);
        Assert.Equal([A, B, C], (A | (B | C)).Filters);
        Assert.Equal("Any(Text(a), Text(b), Text(c))", any.ToString());
    }

    [Fact]
    public void Chained_and_is_one_All_of_every_filter_in_order()
    {
        var all = A & B & C;
        Assert.Equal([A, B, C], all.Filters);
        Assert.Equal([A, B, C, D], ((A & B) & (C & D)).Filters);
        Assert.Equal([A, B, C], (A & (B & C)).Filters);
        Assert.Equal("All(Text(a), Text(b), Text(c))", all.ToString());
    }

    [Fact]
    public void The_constructors_merge_nested_filters_of_their_own_kind_only()
    {
        Assert.Equal([A, B, C], Filter.Any(A, Filter.Any(B, C)).Filters);
        Assert.Equal([A, B, C, D], new AnyFilter(Filter.Any(A, B), new AnyFilter(Filter.Any(C), D)).Filters);
        Assert.Equal([A, B, C], Filter.All(Filter.All(A, B), C).Filters);
        Assert.Equal([A, B, C, D], new AllFilter([new AllFilter(A), B, Filter.All(C, Filter.All(D))]).Filters);

        // An All inside an Any (and the other way round) is a different condition and stays whole.
        var mixed = A | (B & C) | D;
        Assert.Equal(3, mixed.Filters.Count);
        Assert.Equal([B, C], Assert.IsType<AllFilter>(mixed.Filters[1]).Filters);
        var mixedAll = A & (B | C) & !D;
        Assert.Equal(3, mixedAll.Filters.Count);
        Assert.IsType<AnyFilter>(mixedAll.Filters[1]);
        Assert.Same(D, Assert.IsType<NotFilter>(mixedAll.Filters[2]).Filter);
    }

    [Fact]
    public void Not_toggles()
    {
        Assert.Same(A, !!A);
        Assert.Same(A, !!!!A);
        var once = Assert.IsType<NotFilter>(!A);
        Assert.Same(A, once.Filter);
        Assert.IsType<NotFilter>(!!!A);
        Assert.Same(A, ((NotFilter)(!!!A)).Filter);
        // The Not factory always negates, as Telethon's Not(...) does: only the operator unwraps.
        Assert.IsType<NotFilter>(Filter.Not(Filter.Not(A)).Filter);
        Assert.Same(A, !Filter.Not(A));
    }

    [Fact]
    public void Merging_keeps_the_outcome_and_the_order_of_the_checks()
    {
        var checks = new List<string>();
        Filter Probe(string name, bool result) => Filter.Where(_ => { checks.Add(name); return result; });
        var e = Tg.Text("x");

        Assert.True((Probe("1", false) | Probe("2", false) | Probe("3", true) | Probe("4", true)).Matches(e));
        Assert.Equal(["1", "2", "3"], checks);
        checks.Clear();
        Assert.False((Probe("1", true) & (Probe("2", true) & Probe("3", false)) & Probe("4", true)).Matches(e));
        Assert.Equal(["1", "2", "3"], checks);
        checks.Clear();
        Assert.False((!!Probe("1", false)).Matches(e));
        Assert.True((!Probe("2", false)).Matches(e));
        Assert.Equal(["1", "2"], checks);

        // Empty combinations merge away without changing anything: All() passes, Any() does not.
        Assert.Equal([A], (A & Filter.All()).Filters);
        Assert.Equal([A], (Filter.Any() | A).Filters);
        Assert.True((Filter.Incoming & Filter.All()).Matches(e));
        Assert.False((Filter.Outgoing | Filter.Any()).Matches(e));
    }

    [Fact]
    public void Null_filters_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => Filter.Any(A, null!));
        Assert.Throws<ArgumentNullException>(() => new AllFilter((IEnumerable<Filter>)null!));
        Assert.Throws<ArgumentNullException>(() => !(Filter)null!);
    }
}
