"""Adding up a plan's key groups into the few sums per billing class that core.demand expands.

At 10,000 groups this loop is most of a comparison, and an edit changes one group: the sums are
kept per block of consecutive groups, so an edit or an undo adds up one block again, not the plan.
"""

from __future__ import annotations

from collections import OrderedDict
from decimal import Decimal, Inexact, InvalidOperation, Rounded, getcontext, localcontext
from operator import attrgetter
import threading

from core.catalog import PriceCatalog
from core.plain_groups import ReadGroups
from core.plan import KeyGroup


def hosting_class(group: KeyGroup, catalog: PriceCatalog) -> str:
    """KMS 1.0 hosting class: service-managed keys are free; software keys one price; HSM by spec."""
    if group.creator == "service":
        return "service"
    if group.protection == "SOFTWARE":
        return "software"
    return "hsm-" + catalog.specs[group.spec]


def api_class(group: KeyGroup, catalog: PriceCatalog) -> str:
    """KMS 1.0 call class: basic or advanced key, software and hardware alike."""
    return "service" if group.creator == "service" else catalog.specs[group.spec]


# Each group adds its key versions, rotations and calls to a few sums per billing class. The sums
# are kept per block of consecutive groups (keyed by the groups' identities, which a frozen plan's
# edit keeps for every group it does not touch).
# Decimal sums are added block by block only while every addition is exact (Rounded and Inexact
# trapped, calls never negative): an exact sum is the same number, to the last digit and exponent,
# whatever the grouping, so the result is identical to adding the groups one by one in plan order;
# anything that would round falls back to exactly that. A block adds its calls up once per billing
# kind (_info: the classes a group is billed in) and growth, not three times per group (per API
# class, for user keys and per key family); the merged blocks' sums per kind make those three
# (_by_class), each key in the order and as the object the plan first shows it. Calls are 0 or
# more, so a sum rounds only where its total would: regrouping traps exactly what one loop would.

_BLOCK = 256
_RUN = 8  # blocks whose sums are also kept added up, so an edit merges a few runs and one run
_limit = [64]  # blocks and runs kept: a few plans' worth (the plan and its what-if, an undo)
_FIELDS = attrgetter(*ReadGroups.COLUMNS)  # what each group adds; a plan just read keeps them as columns
_CALLS = ReadGroups.COLUMNS.index("calls_per_month")
_ZERO = Decimal(0)
_cache_lock = threading.Lock()
_blocks: OrderedDict[tuple, tuple] = OrderedDict()  # (classes, precision, ids) -> (groups, classes, sums): LRU
_classes_by_catalog: dict[tuple[int, int], tuple] = {}  # (specs, spec_info ids) -> (specs, spec_info, memo)


class _NotExact(Exception):
    """A block's sums would round (or subtract): add the plan up group by group instead."""


def _classes(catalog: PriceCatalog) -> dict:
    """The memo of billing classes per (creator, protection, spec) for this catalog's key specs."""
    key = (id(catalog.specs), id(catalog.spec_info))
    with _cache_lock:
        entry = _classes_by_catalog.get(key)
        if entry is None or entry[0] is not catalog.specs or entry[1] is not catalog.spec_info:
            if len(_classes_by_catalog) > 16:
                _classes_by_catalog.clear()
            entry = _classes_by_catalog[key] = (catalog.specs, catalog.spec_info, {})
    return entry[2]


def _info(creator: str, protection: str, spec: str, catalog: PriceCatalog, memo: dict) -> tuple:
    """(hosting class, API class, user key?, key family, HSM user key?) of a kind of group, kept in `memo`."""
    group = KeyGroup(creator=creator, protection=protection, spec=spec)
    user = creator == "user"
    info = memo[(creator, protection, spec)] = (
        hosting_class(group, catalog), api_class(group, catalog), user,
        catalog.family(spec) if user else None, user and protection == "HSM")
    return info


def _block_sums(rows, catalog: PriceCatalog, memo: dict) -> tuple:
    """const, rotating, calls by (_info, growth), user keys, HSM keys of a block of groups (`rows`:
    the _FIELDS of each; calls Decimals or whole-number integers, _rows), dicts in the order of
    first appearance; for exact additions only (the caller traps rounding): negative calls, which
    could make a subtraction round, are refused."""
    const, rotating, calls_by = {}, {}, {}
    user_keys = hsm_keys = 0
    for creator, protection, spec, state, count, versions, rotation, calls, growth in rows:
        if state == "PendingDeletion" or not count > 0:  # KeyGroup.billed
            continue
        info = memo.get((creator, protection, spec)) or _info(creator, protection, spec, catalog, memo)
        cls, _api, user, _family, hsm = info
        if calls < 0:
            raise _NotExact
        const[cls] = const.get(cls, 0) + count * versions
        if rotation:
            by_rotation = rotating.get(cls)
            if by_rotation is None:
                by_rotation = rotating[cls] = {}
            by_rotation[rotation] = by_rotation.get(rotation, 0) + count
        key = (info, growth)
        calls_by[key] = calls_by.get(key, 0) + calls  # 0 + Decimal is _ZERO + it; integers stay integers
        if user:
            user_keys += count
            if hsm:
                hsm_keys += count
    return const, rotating, calls_by, user_keys, hsm_keys


def _merge(parts) -> tuple:
    """The blocks' sums added up in plan order (keys first seen first, as one loop would)."""
    const, rotating, calls_by = {}, {}, {}
    user_keys = hsm_keys = 0
    for b_const, b_rotating, b_calls, b_user_keys, b_hsm_keys in parts:
        for k, v in b_const.items():
            const[k] = const.get(k, 0) + v
        for cls, by_rotation in b_rotating.items():
            into = rotating.get(cls)
            if into is None:
                into = rotating[cls] = {}
            for r, v in by_rotation.items():
                into[r] = into.get(r, 0) + v
        for k, v in b_calls.items():
            calls_by[k] = calls_by.get(k, 0) + v
        user_keys += b_user_keys
        hsm_keys += b_hsm_keys
    return const, rotating, calls_by, user_keys, hsm_keys


def _by_class(sums: tuple) -> tuple:
    """group_sums' sums from the merged blocks': the calls per (_info, growth) added up per API class,
    for user keys and per key family, each a Decimal from _ZERO on, as one loop makes them (exact
    additions: the caller traps rounding, so an integer sum too long for the precision falls back)."""
    const, rotating, by_kind, user_keys, hsm_keys = sums
    calls_by, user_calls_by, family_calls_by = {}, {}, {}
    for ((_cls, api, user, family, _hsm), growth), calls in by_kind.items():
        key = (api, growth)
        calls_by[key] = calls_by.get(key, _ZERO) + calls
        if user:
            user_calls_by[growth] = user_calls_by.get(growth, _ZERO) + calls
            key = (family, growth)
            family_calls_by[key] = family_calls_by.get(key, _ZERO) + calls
    return const, rotating, calls_by, user_calls_by, family_calls_by, user_keys, hsm_keys


def _plain_sums(rows, catalog: PriceCatalog, memo: dict) -> tuple:
    """group_sums' sums added group by group in plan order under the caller's decimal context: what
    a plan whose sums round (or subtract) gets, rounded as one loop rounds them."""
    const, rotating, calls_by, user_calls_by, family_calls_by = {}, {}, {}, {}, {}
    user_keys = hsm_keys = 0
    for creator, protection, spec, state, count, versions, rotation, calls, growth in rows:
        if state == "PendingDeletion" or not count > 0:  # KeyGroup.billed
            continue
        cls, api, user, family, hsm = memo.get((creator, protection, spec)) or _info(
            creator, protection, spec, catalog, memo)
        const[cls] = const.get(cls, 0) + count * versions
        if rotation:
            by_rotation = rotating.get(cls)
            if by_rotation is None:
                by_rotation = rotating[cls] = {}
            by_rotation[rotation] = by_rotation.get(rotation, 0) + count
        key = (api, growth)
        calls_by[key] = calls_by.get(key, _ZERO) + calls
        if user:
            user_keys += count
            user_calls_by[growth] = user_calls_by.get(growth, _ZERO) + calls
            key = (family, growth)
            family_calls_by[key] = family_calls_by.get(key, _ZERO) + calls
            if hsm:
                hsm_keys += count
    return const, rotating, calls_by, user_calls_by, family_calls_by, user_keys, hsm_keys


def _cached(key: tuple, items: tuple, memo: dict, work):
    """work(items), or what it gave last time for these very objects (the entry keeps them alive,
    so their ids in the key cannot be reused)."""
    with _cache_lock:
        hit = _blocks.get(key)
        if hit is not None and hit[1] is memo:
            _blocks.move_to_end(key)  # most recently used last
            return hit[2]
    result = work(items)
    with _cache_lock:
        _blocks[key] = (items, memo, result)
        while len(_blocks) > _limit[0]:
            _blocks.popitem(last=False)
    return result


def group_sums(groups: tuple[KeyGroup, ...], catalog: PriceCatalog) -> tuple[tuple, bool]:
    """(const, rotating, calls_by, user_calls_by, family_calls_by, user keys, HSM keys) of the
    groups, and True when every sum is exact (added block by block), False when added one by one.

    Kept for these very groups too: an undo returns to a plan added up before, and every what-if
    step (core.whatif_sums) starts from the sums of the same plan."""
    memo = _classes(catalog)
    context = getcontext()
    key = ("plan", id(memo), context.prec, context.rounding, context.Emin, context.Emax, context.clamp,
           tuple(context.traps.values()), id(groups))
    return _cached(key, groups, memo, lambda items: _added_up(items, catalog, memo, context))


def _added_up(groups: tuple[KeyGroup, ...], catalog: PriceCatalog, memo: dict, context) -> tuple[tuple, bool]:
    exact = context.copy()
    exact.traps[Rounded] = exact.traps[Inexact] = True
    try:
        with localcontext(exact):
            parts = []
            _limit[0] = max(_limit[0], 5 * (len(groups) // _BLOCK + 1))
            for start in range(0, len(groups), _BLOCK):
                block = groups[start:start + _BLOCK]
                parts.append(_cached((id(memo), context.prec, tuple(map(id, block))), block, memo,
                                     lambda items, at=start: _block_sums(_rows(groups, at, items, whole=True),
                                                                         catalog, memo)))
            runs = [_cached(("run", id(memo), context.prec, tuple(map(id, run))), run, memo, _merge)
                    for run in (tuple(parts[i:i + _RUN]) for i in range(0, len(parts), _RUN))]
            return _by_class(_merge(runs)), True
    except (_NotExact, Rounded, Inexact, InvalidOperation):  # the last: a NaN compared with 0
        # The plain loop over the whole plan, under the caller's decimal context.
        return _plain_sums(_rows(groups, 0, groups), catalog, memo), False


def _rows(groups: tuple[KeyGroup, ...], start: int, block: tuple[KeyGroup, ...], whole: bool = False):
    """The _FIELDS of each group of `block` (groups[start:start + len(block)]): from the columns a
    plan file's groups were read from (core.plain_groups.ReadGroups), else from each group.
    `whole`: calls written as whole numbers may come as those integers (exact sums only: an integer
    sum is the Decimal sum, and _by_class makes it a Decimal where it would round)."""
    if type(groups) is ReadGroups:
        columns = groups.columns
        if whole and groups.whole_calls is not None:
            columns = (*columns[:_CALLS], groups.whole_calls, *columns[_CALLS + 1:])
        return zip(*(column[start:start + len(block)] for column in columns))
    return map(_FIELDS, block)


# --- keys by count: what a keys what-if scales -----------------------------------------------------
# A keys factor rounds each group's count to whole keys (core.sweep.scale_count), so the key sums are
# also kept per count: sum(scale(count) x versions) = sum over counts of scale(count) x (versions of
# the groups with that count). Integers, so any grouping gives the same sums.

def _block_counts(groups, catalog: PriceCatalog, memo: dict) -> tuple:
    """versions by (hosting class, count); groups by (hosting class, rotation, count); user groups and
    HSM user groups by count; of the billed groups, as _block_sums bills them."""
    versions_by: dict = {}
    rotating_by: dict = {}
    users_by: dict = {}
    hsm_by: dict = {}
    for creator, protection, spec, state, count, versions, rotation, _calls, _growth in map(_FIELDS, groups):
        if state == "PendingDeletion" or not count > 0:  # KeyGroup.billed
            continue
        cls, _api, user, _family, hsm = memo.get((creator, protection, spec)) or _info(
            creator, protection, spec, catalog, memo)
        key = (cls, count)
        versions_by[key] = versions_by.get(key, 0) + versions
        if rotation:
            key = (cls, rotation, count)
            rotating_by[key] = rotating_by.get(key, 0) + 1
        if user:
            users_by[count] = users_by.get(count, 0) + 1
            if hsm:
                hsm_by[count] = hsm_by.get(count, 0) + 1
    return versions_by, rotating_by, users_by, hsm_by


def _merge_counts(parts) -> tuple:
    merged: tuple[dict, ...] = ({}, {}, {}, {})
    for part in parts:
        for into, sums in zip(merged, part):
            for k, v in sums.items():
                into[k] = into.get(k, 0) + v
    return merged


def count_sums(groups: tuple[KeyGroup, ...], catalog: PriceCatalog) -> tuple:
    """The key sums of `groups` resolved by count (see above), kept per block as group_sums keeps its own
    (and for these very groups: a keys slider's steps all start from the same plan)."""
    memo = _classes(catalog)
    return _cached(("counts of", id(memo), id(groups)), groups, memo, lambda items: _counted(items, catalog, memo))


def _counted(groups: tuple[KeyGroup, ...], catalog: PriceCatalog, memo: dict) -> tuple:
    parts = [_cached(("counts", id(memo), tuple(map(id, block))), block, memo,
                     lambda items: _block_counts(items, catalog, memo))
             for block in (groups[i:i + _BLOCK] for i in range(0, len(groups), _BLOCK))]
    return _merge_counts([_cached(("count runs", id(memo), tuple(map(id, run))), run, memo, _merge_counts)
                          for run in (tuple(parts[i:i + _RUN]) for i in range(0, len(parts), _RUN))])
