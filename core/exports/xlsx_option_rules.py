"""Each billing option's monthly rules as spreadsheet formulas, mirroring core/options/*.py.

A rule set names the prices and limits it uses, its per-month helper columns and its line items
(the same items as core's Line.item); `x` resolves names to cells (see xlsx_options.Sheet).
Options without a rule set here are written as values with a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from core.exports.xlsx_cells import COUNT, MONEY

Formula = Callable[[object, int], str]  # (resolver, row) -> "=..."


@dataclass(frozen=True)
class Rules:
    prices: tuple[tuple[str, str], ...]  # (key, price id; "{region}" is the plan's API region)
    limits: tuple[tuple[str, str], ...] = ()  # (key, limit name)
    helpers: tuple[tuple[str, str, str, Formula], ...] = ()  # (key, header, number format, formula)
    lines: tuple[tuple[str, Formula], ...] = ()  # (line item, formula)
    required: tuple[str, ...] = ()  # price keys that must be known in every month
    required_active: tuple[str, ...] = ()  # price keys needed in the months that need an instance
    required_with_secrets: tuple[str, ...] = ()  # price keys needed only when the plan has secrets
    blockers: tuple[tuple[str, Callable[[object], str]], ...] = ()  # (why, condition that blocks)
    # (limit keys) the option's capacity: until every one is entered it is `unverified` (core.status)
    capacity: tuple[str, ...] = ()
    # (severity, condition for row r) findings the formulas follow live, and which of core's
    # findings they replace (by status, or by the limit id the finding names)
    live_checks: tuple[tuple[int, Formula], ...] = ()
    live_statuses: tuple[str, ...] = ()
    live_limits: tuple[str, ...] = ()


def payg_legacy() -> Rules:
    hosting = (("service", "payg-legacy.hosting.service"), ("software", "payg-legacy.hosting.software"),
               ("hsm_basic", "payg-legacy.hosting.hsm-basic"),
               ("first", "payg-legacy.hosting.hsm-advanced.first-2000"),
               ("beyond", "payg-legacy.hosting.hsm-advanced.beyond-2000"))
    api = (("api_service", "payg-legacy.api.service.{region}"), ("api_basic", "payg-legacy.api.basic.{region}"),
           ("api_advanced", "payg-legacy.api.advanced.{region}"))
    return Rules(
        prices=hosting + api + (("secret", "payg-legacy.secret.month"),),
        lines=(
            ("key hosting", lambda x, r: (
                f"={x.d('vd_service', r)}*{x.p('service')}+{x.d('vd_software', r)}*{x.p('software')}"
                f"+{x.d('vd_hsm-basic', r)}*{x.p('hsm_basic')}+{x.d('vd_first', r)}*{x.p('first')}"
                f"+{x.d('vd_beyond', r)}*{x.p('beyond')}")),
            ("API calls", lambda x, r: (
                f"=({x.d('calls_service', r)}*{x.p('api_service')}+{x.d('calls_basic', r)}*{x.p('api_basic')}"
                f"+{x.d('calls_advanced', r)}*{x.p('api_advanced')})/10000")),
            ("secrets", lambda x, r: f"={x.s('secrets')}*{x.p('secret')}"),
        ),
        limits=(("cmks", "payg_legacy_cmks_per_region"), ("versions", "payg_legacy_versions_per_region"),
                ("symmetric", "shared_gateway_symmetric_qps"), ("asymmetric", "shared_gateway_asymmetric_qps")),
        required=tuple(k for k, _ in hosting + api),
        required_with_secrets=("secret",),
        # core.options.payg: lifecycle (unavailable after the end of service, and after the close to
        # new customers for an account that never used it) and the per-region quotas (over-limit)
        live_checks=(
            (4, lambda x, r: f"{x.d('month', r)}>{x.lifecycle('payg-legacy.end-of-service')}"),
            (4, lambda x, r: (f'AND({x.s("kms1_user")}<>"yes",'
                              f"{x.d('month', r)}>{x.lifecycle('payg-legacy.new-customers')})")),
            (3, lambda x, r: f"AND(ISNUMBER({x.l('cmks')}),{x.user_keys()}>N({x.l('cmks')}))"),
            (3, lambda x, r: f"AND(ISNUMBER({x.l('versions')}),{x.d('versions_peak', r)}>N({x.l('versions')}))"),
            (3, lambda x, r: f"AND(ISNUMBER({x.l('symmetric')}),{x.d('qps_symmetric', r)}>N({x.l('symmetric')}))"),
            (3, lambda x, r: f"AND(ISNUMBER({x.l('asymmetric')}),{x.d('qps_asymmetric', r)}>N({x.l('asymmetric')}))"),
        ),
        live_statuses=("unavailable",),
        live_limits=("payg_legacy_cmks_per_region", "payg_legacy_versions_per_region",
                     "shared_gateway_symmetric_qps", "shared_gateway_asymmetric_qps"),
    )


def _software_blocker(kind: str):
    if kind != "software":
        return ()
    return (("The plan has HSM-protected keys; a software key management instance holds software keys only.",
             lambda x: f"{x.hsm_keys()}>0"),)


def instance(kind: str) -> Rules:
    oid = f"instance-{kind}"
    prices = [("fee", f"{oid}.month"), ("kq", f"{oid}.key-quota"), ("qps", f"{oid}.qps"),
              ("secret", f"{oid}.secret-quota")]
    if kind == "hardware":
        prices.append(("cluster", "cloud-hsm.cluster.month"))
    cluster = (lambda x: x.p("cluster")) if kind == "hardware" else (lambda x: "0")
    helpers = (
        ("active", "Needs an instance", COUNT, lambda x, r: f"={x.d('active', r)}"),
        ("versions", "Peak key versions", COUNT, lambda x, r: f"={x.d('versions_peak', r)}"),
        ("peak", "Peak QPS (whole)", COUNT, lambda x, r: f"={x.d('whole_qps', r)}"),
        # core.options.instance.instances_needed: key versions, QPS and (beyond one instance's
        # largest secret quota) secrets each call for whole instances
        ("n", "Whole instances needed", COUNT, lambda x, r: (
            f"=MAX(1,IF({x.l('quota')}>0,ROUNDUP({x.h('versions', r)}/{x.l('quota')},0),0),"
            f"IF({x.l('qps_default')}>0,ROUNDUP({x.h('peak', r)}/{x.l('qps_default')},0),0),"
            f"IF({x.l('max_secrets')}>0,ROUNDUP({x.s('secrets')}/{x.l('max_secrets')},0),0))")),
        ("level", "QPS level for one instance", COUNT, lambda x, r: (
            f"=IF({x.h('peak', r)}<=MAX({x.levels()}),"
            f"INDEX({x.levels()},SUMPRODUCT(({x.levels()}<{x.h('peak', r)})*1)+1),0)")),
        ("extra_quota", "Extra key quota (versions)", COUNT,
         lambda x, r: f"=MAX(0,{x.h('versions', r)}-{x.l('quota')})"),
        ("extra_qps", "Extra QPS above the default", COUNT,
         lambda x, r: f"=MAX(0,{x.h('level', r)}-{x.l('qps_default')})"),
        ("whole", "Cost: whole instances", MONEY,
         lambda x, r: f"={x.h('n', r)}*({x.p('fee')}+{cluster(x)})"),
        ("addon", "Cost: one instance with add-ons", MONEY, lambda x, r: (
            f"={x.p('fee')}+{x.h('extra_quota', r)}*{x.p('kq')}+{x.h('extra_qps', r)}*{x.p('qps')}+{cluster(x)}")),
        ("route", "Add-ons cheaper (1 = yes)", COUNT, lambda x, r: (
            f"=IF(AND({x.h('active', r)}=1,{x.h('n', r)}>1,{x.s('secrets')}<={x.l('max_secrets')},"
            f"{x.h('versions', r)}<={x.l('max_quota')},"
            f"{x.h('peak', r)}<=MAX({x.levels()}),OR({x.h('extra_quota', r)}=0,{x.k('kq')}=1),"
            f"OR({x.h('extra_qps', r)}=0,{x.k('qps')}=1),ROUND({x.h('addon', r)}-{x.h('whole', r)},6)<0),1,0)")),
        ("instances", "Instances bought", COUNT, lambda x, r: (
            f"={x.h('active', r)}*IF({x.h('route', r)}=1,1,{x.h('n', r)})")),
    )
    lines = [
        ("instance fee", lambda x, r: f"={x.h('instances', r)}*{x.p('fee')}"),
        ("key quota add-on", lambda x, r: f"={x.h('route', r)}*{x.h('extra_quota', r)}*{x.p('kq')}"),
        ("QPS add-on", lambda x, r: f"={x.h('route', r)}*{x.h('extra_qps', r)}*{x.p('qps')}"),
        ("secret quota add-on", lambda x, r: f"={x.h('active', r)}*{x.s('secrets')}*{x.p('secret')}"),
    ]
    if kind == "hardware":
        lines.append(("Cloud HSM cluster", lambda x, r: f"={x.h('instances', r)}*{x.p('cluster')}"))
    return Rules(
        prices=tuple(prices),
        limits=(("quota", f"instance_{kind}_key_quota"), ("qps_default", f"instance_{kind}_qps"),
                ("max_quota", "instance_max_key_quota"), ("max_secrets", "instance_max_secret_quota")),
        helpers=helpers,
        lines=tuple(lines),
        required_active=("fee", "cluster") if kind == "hardware" else ("fee",),
        required_with_secrets=("secret",),
        blockers=_software_blocker(kind),
    )


def payg_instance(kind: str) -> Rules:
    oid = f"payg-instance-{kind}"
    prices = [("day", f"{oid}.day"), ("version", "payg-instance.key-version.day"),
              ("secret", "payg-instance.secret.day"), ("qps", "payg-instance.qps.day")]
    if kind == "hardware":
        prices.append(("cluster", "cloud-hsm.cluster.month"))
    lines = [
        ("instance fee", lambda x, r: f"={x.d('active', r)}*{x.d('days', r)}*{x.p('day')}"),
        ("key versions", lambda x, r: f"={x.d('active', r)}*{x.d('vd_user', r)}*{x.p('version')}"),
        ("secrets", lambda x, r: f"={x.d('active', r)}*{x.s('secrets')}*{x.d('days', r)}*{x.p('secret')}"),
        ("QPS", lambda x, r: f"={x.d('active', r)}*{x.d('whole_qps', r)}*{x.d('days', r)}*{x.p('qps')}"),
    ]
    if kind == "hardware":
        lines.append(("Cloud HSM cluster", lambda x, r: f"={x.d('active', r)}*{x.p('cluster')}"))
    return Rules(
        prices=tuple(prices),
        lines=tuple(lines),
        required_active=("day", "version", "qps", "cluster") if kind == "hardware" else ("day", "version", "qps"),
        required_with_secrets=("secret",),
        blockers=_software_blocker(kind),
    )


def dedicated() -> Rules:
    """core.options.dedicated: one instance (for reference) until both capacities are entered, then
    whole instances as the KMS 3.0 instances are sized; one Cloud HSM cluster per instance."""
    def sized(x) -> str:
        quota, qps = x.l("quota"), x.l("qps")
        return f"AND(ISNUMBER({quota}),ISNUMBER({qps}),N({quota})>0,N({qps})>0)"

    helpers = (
        ("active", "Needs an instance", COUNT, lambda x, r: f"={x.d('active', r)}"),
        ("versions", "Peak key versions", COUNT, lambda x, r: f"={x.d('versions_peak', r)}"),
        ("peak", "Peak QPS (whole)", COUNT, lambda x, r: f"={x.d('whole_qps', r)}"),
        ("instances", "Instances (one until the capacity is entered)", COUNT, lambda x, r: (
            f"={x.h('active', r)}*IF({sized(x)},MAX(1,ROUNDUP({x.h('versions', r)}/{x.l('quota')},0),"
            f"ROUNDUP({x.h('peak', r)}/{x.l('qps')},0)),1)")),
    )
    return Rules(
        prices=(("month", "dedicated.month"), ("cluster", "cloud-hsm.cluster.month")),
        limits=(("quota", "dedicated_instance_key_quota"), ("qps", "dedicated_instance_qps")),
        helpers=helpers,
        lines=(("subscription", lambda x, r: f"={x.h('instances', r)}*{x.p('month')}"),
               ("Cloud HSM cluster", lambda x, r: f"={x.h('instances', r)}*{x.p('cluster')}")),
        required_active=("month", "cluster"),
        capacity=("quota", "qps"),
    )


RULES: dict[str, Callable[[], Rules]] = {
    "payg-legacy": payg_legacy,
    "instance-software": lambda: instance("software"),
    "instance-hardware": lambda: instance("hardware"),
    "payg-instance-software": lambda: payg_instance("software"),
    "payg-instance-hardware": lambda: payg_instance("hardware"),
    "dedicated": dedicated,
}
