"""core.group_sums adds groups up block by block (and keeps the blocks for the next edit): the result
must be the one-by-one sum in plan order, to the last digit and exponent."""

from __future__ import annotations

from decimal import Decimal

from core.catalog import load_catalog
from core.demand import expand
from core.group_sums import api_class, group_sums, hosting_class
from core.plan import KeyGroup, Plan

SPECS = ("Aliyun_AES_256", "RSA_2048", "EC_P256", "Aliyun_SM4")


def _plan(n: int, calls=lambda i: Decimal(1000 * (i % 97))) -> Plan:
    return Plan(months=24, key_groups=tuple(
        KeyGroup(name=f"g{i}", creator="service" if i % 7 == 0 else "user",
                 protection="HSM" if i % 3 == 0 else "SOFTWARE", spec=SPECS[i % 4], count=1 + i % 9,
                 versions=1 + i % 2, rotation_days=None if i % 4 else 30 + i % 50,
                 state=("Enabled", "Disabled", "PendingDeletion")[i % 3], calls_per_month=calls(i),
                 calls_growth_pct=Decimal(i % 3) / 2)
        for i in range(n)))


def _block_sums_in_order(groups, catalog) -> tuple:
    """The reference: the plain loop, group by group in plan order, written independently of core's."""
    const, rotating, calls_by, user_calls_by, family_calls_by = {}, {}, {}, {}, {}
    user_keys = hsm_keys = 0
    for group in groups:
        if not group.billed:
            continue
        cls = hosting_class(group, catalog)
        const[cls] = const.get(cls, 0) + group.count * group.versions
        if group.rotation_days:
            by_rotation = rotating.setdefault(cls, {})
            by_rotation[group.rotation_days] = by_rotation.get(group.rotation_days, 0) + group.count
        key = (api_class(group, catalog), group.calls_growth_pct)
        calls_by[key] = calls_by.get(key, Decimal(0)) + group.calls_per_month
        if group.creator == "user":
            user_keys += group.count
            growth = group.calls_growth_pct
            user_calls_by[growth] = user_calls_by.get(growth, Decimal(0)) + group.calls_per_month
            key = (catalog.family(group.spec), growth)
            family_calls_by[key] = family_calls_by.get(key, Decimal(0)) + group.calls_per_month
            if group.protection == "HSM":
                hsm_keys += group.count
    return const, rotating, calls_by, user_calls_by, family_calls_by, user_keys, hsm_keys


def _group_sums(groups, catalog) -> tuple:
    return group_sums(groups, catalog)[0]


def _same(a, b) -> None:
    assert repr(a) == repr(b)  # repr keeps every Decimal's digits and exponent, and the dicts' order


def test_block_sums_equal_the_plain_loop_before_and_after_an_edit():
    catalog = load_catalog("international")
    plan = _plan(1000)
    _same(_group_sums(plan.key_groups, catalog), _block_sums_in_order(plan.key_groups, catalog))
    groups = list(plan.key_groups)
    groups[600] = groups[600].with_(count=12345, calls_per_month=Decimal("0.001"))
    edited = tuple(groups)
    _same(_group_sums(edited, catalog), _block_sums_in_order(edited, catalog))
    _same(_group_sums(plan.key_groups, catalog), _block_sums_in_order(plan.key_groups, catalog))  # undo


def test_sums_that_would_round_are_added_one_by_one():
    catalog = load_catalog("international")
    plan = _plan(600, calls=lambda i: Decimal("123456789012345678901234567.5") if i % 5 == 0 else Decimal("0.25"))
    _same(_group_sums(plan.key_groups, catalog), _block_sums_in_order(plan.key_groups, catalog))


def test_an_edited_plan_expands_as_a_fresh_one():
    catalog = load_catalog("international")
    plan = _plan(700)
    expand(plan, catalog)
    edited = plan.with_(key_groups=plan.key_groups[:300] + (plan.key_groups[300].with_(count=77),)
                        + plan.key_groups[301:])
    fresh = edited.with_(key_groups=tuple(g.with_() for g in edited.key_groups))  # new objects: no block kept
    assert expand(edited, catalog) == expand(fresh, catalog)
    assert repr(expand(edited, catalog)) == repr(expand(fresh, catalog))


def _forget() -> None:
    import core.demand as demand
    import core.group_sums as sums

    sums._blocks.clear()
    demand._factors.clear()
    demand._projections.clear()


def test_kept_figures_equal_fresh_ones_for_growths_written_differently():
    """1 and 1.0 are the same growth but not the same text: whichever a plan lists first sets the
    powers (as the one-by-one loop does), whether the figures are kept or worked out again."""
    catalog = load_catalog("international")
    first = _plan(300, calls=lambda i: Decimal("1234.5"))
    groups = tuple(g.with_(calls_growth_pct=Decimal("1.0") if i % 2 else Decimal("1"))
                   for i, g in enumerate(first.key_groups))
    swapped = tuple(g.with_(calls_growth_pct=Decimal("1") if i % 2 else Decimal("1.0"))
                    for i, g in enumerate(first.key_groups))
    for key_groups in (groups, swapped, groups):
        plan = first.with_(key_groups=key_groups)
        kept = repr(expand(plan, catalog))
        _forget()
        assert repr(expand(plan, catalog)) == kept


def test_negative_or_not_a_number_calls_are_added_one_by_one():
    """Block sums assume calls of 0 or more (a checked plan's): anything else takes the plain loop."""
    catalog = load_catalog("international")
    for odd in (Decimal(-5), Decimal("NaN")):
        groups = (KeyGroup(calls_per_month=odd), KeyGroup(calls_per_month=Decimal(5)))
        _same(_group_sums(groups, catalog), _block_sums_in_order(groups, catalog))


def test_the_same_groups_are_added_up_once_per_decimal_context():
    """An undo or a what-if step asks again for the sums of the very groups of an earlier plan: the
    kept sums are returned; other groups of equal value, or another rounding, are added up afresh."""
    from decimal import ROUND_DOWN, localcontext

    catalog = load_catalog("international")
    plan = _plan(600, calls=lambda i: Decimal("123456789012345678901234567.5") if i % 5 == 0 else Decimal("0.25"))
    first = group_sums(plan.key_groups, catalog)
    assert group_sums(plan.key_groups, catalog) is first
    copy = tuple(list(plan.key_groups))
    assert copy is not plan.key_groups and group_sums(copy, catalog) is not first
    _same(group_sums(copy, catalog), first)
    assert first[1] is False  # these sums round: the plain loop, under the caller's rounding
    with localcontext() as context:
        context.rounding = ROUND_DOWN
        down = group_sums(plan.key_groups, catalog)
        assert down is not first
        _same(down, (_block_sums_in_order(plan.key_groups, catalog), False))
    _same(first, (_block_sums_in_order(plan.key_groups, catalog), False))


def test_a_plan_just_read_adds_up_from_its_columns_as_its_groups_would():
    """core.plain_groups keeps the fields a plan file's groups were read from as columns; adding a
    plan just read up from them gives the one-by-one sums, exact or rounding, and an edit of it (its
    groups then a plain tuple) the same as a fresh plan."""
    from core.plain_groups import ReadGroups
    from core.planfile import dumps, loads

    catalog = load_catalog("international")
    for calls in (lambda i: Decimal(1000 * (i % 97)), lambda i: Decimal("1234.5") if i % 3 else Decimal("0.25"),
                  lambda i: Decimal("99999999999.999999999999999999") if i % 5 == 0 else Decimal("0.25")):
        plan = loads(dumps(_plan(700, calls)))
        assert type(plan.key_groups) is ReadGroups
        _forget()
        _same(_group_sums(plan.key_groups, catalog), _block_sums_in_order(plan.key_groups, catalog))
        edited = plan.with_group(400, plan.key_groups[400].with_(count=5, calls_growth_pct=Decimal("2.50")))
        assert type(edited.key_groups) is tuple
        _same(_group_sums(edited.key_groups, catalog), _block_sums_in_order(edited.key_groups, catalog))
        _forget()
        _same(expand(plan, catalog), expand(_plan(700, calls), catalog))


def test_calls_added_per_kind_of_group_give_the_classes_sums_of_the_plain_loop():
    """Blocks add calls per billing kind and growth, then per class: a growth written 1.0 by one kind
    and 1 by another keeps the first one the plan lists, keys keep the plan's order, and a sum that
    rounds only once the kinds are added together (each kind's fits 28 digits, the class's does not)
    falls back to the plain loop, as one loop adding the groups would have had to."""
    catalog = load_catalog("international")
    kinds = (("user", "SOFTWARE", "Aliyun_AES_256"), ("user", "HSM", "Aliyun_AES_256"), ("user", "HSM", "EC_P256"),
             ("service", "SOFTWARE", "Aliyun_AES_256"), ("user", "SOFTWARE", "RSA_2048"))
    growths = (Decimal("1.0"), Decimal("1"), Decimal("0.50"), Decimal("0.5"), Decimal(0))

    def groups(n: int, calls) -> tuple:
        return tuple(KeyGroup(creator=kinds[i % 5][0], protection=kinds[i % 5][1], spec=kinds[i % 5][2],
                              count=1 + i % 4, calls_per_month=calls(i), calls_growth_pct=growths[(i // 5) % 5])
                     for i in range(n))

    for calls in (lambda i: Decimal(1000 + i), lambda i: Decimal("0.125") * (i % 7)):
        key_groups = groups(900, calls)
        _forget()
        sums, exact = group_sums(key_groups, catalog)
        assert exact
        _same(sums, _block_sums_in_order(key_groups, catalog))
        assert [type(k[1]) for k in sums[2]] == [Decimal] * len(sums[2])
        assert str(next(iter(sums[3]))) == "1.0"  # the growth as the plan first writes it
    big = Decimal("6.000000000000000000000000001")  # 28 digits: twice that is 29
    key_groups = groups(2, lambda i: big)  # a software and an HSM key: both "basic" calls
    _forget()
    sums, exact = group_sums(key_groups, catalog)
    assert not exact
    _same(sums, _block_sums_in_order(key_groups, catalog))
    assert sums[2][("basic", Decimal("1.0"))] == Decimal("12.00000000000000000000000000")


def test_calls_written_as_whole_numbers_are_added_as_integers_into_the_same_decimals():
    """A plan file's whole-number calls are added up as the integers they were written as: the
    same sums, Decimals with the same exponent, and under a precision their sums exceed, the plain
    loop's rounding (an integer sum cannot round: it is made a Decimal where it would)."""
    from decimal import localcontext

    from core.planfile import dumps, loads

    catalog = load_catalog("international")
    plan = loads(dumps(_plan(700, calls=lambda i: Decimal(123_456_789 * (i % 89)))))
    assert plan.key_groups.whole_calls == [g.calls_per_month for g in plan.key_groups]
    assert {type(c) for c in plan.key_groups.whole_calls} == {int}
    _forget()
    sums, exact = group_sums(plan.key_groups, catalog)
    assert exact and {type(v) for d in sums[2:5] for v in d.values()} == {Decimal}
    _same(sums, _block_sums_in_order(plan.key_groups, catalog))
    edited = plan.with_group(10, plan.key_groups[10].with_(calls_per_month=Decimal("0.5")))  # blocks kept
    _same(_group_sums(edited.key_groups, catalog), _block_sums_in_order(edited.key_groups, catalog))
    for precision in (9, 12, 14):  # a block's sums fit, the plan's do not, or both do
        with localcontext() as context:
            context.prec = precision
            _forget()
            sums, exact = group_sums(plan.key_groups, catalog)
            _same(sums, _block_sums_in_order(plan.key_groups, catalog))
            assert exact == (precision == 14)
    written = loads(dumps(_plan(300, calls=lambda i: Decimal("2.5") if i == 7 else Decimal(i))))
    assert written.key_groups.whole_calls is None  # one group's calls are not whole
