"""Issue 8 acceptance: each status and each limit, computed from the catalog's data, with hand-computed
figures. An option is ranked only when `ok`; every other option keeps its figures as a lower bound or a
reference."""

from decimal import Decimal

import pytest

from core.compare import compare
from core.paths import samples_dir
from core.plan import KeyGroup, Plan
from core.planfile import dumps, load, loads
from core.status import STATUSES, figure_text, status_label, worst

D = Decimal


def _plan(*groups, start="2024-04", months=1, kms1_user=True, **kw) -> Plan:
    return Plan(name="t", start_month=start, months=months, key_groups=tuple(groups), kms1_user=kms1_user, **kw)


def test_statuses_and_labels():
    assert STATUSES == ("ok", "incomplete", "unverified", "over-limit", "unavailable")
    assert [status_label(s) for s in STATUSES] == [
        "fully priced", "lower bound", "capacity not published", "over a limit", "cannot serve"]
    assert worst(["ok", "over-limit", "incomplete"]) == "over-limit" and worst([]) == "ok"


# --- KMS 1.0 lifecycle -------------------------------------------------------------------------

def test_a_2027_plan_kms1_is_unavailable_but_still_priced_as_reference():
    # one software key, April 2027: 30 days x 0.002 = 0.06
    c = compare(_plan(KeyGroup(count=1), start="2027-04", kms1_user=True))
    o = c.option("payg-legacy")
    assert o.total == D("0.06") and o.lines  # the figures are kept
    assert (o.status, o.figure_kind, o.first_problem_month) == ("unavailable", "reference", "2027-04")
    assert figure_text(o, o.total, "USD") == "0.06 USD (reference)"
    assert o.short_reason == "ended 2025-09-30"
    assert o.status_reasons == (
        "KMS 1.0 reached end of service on 2025-09-30 (KMS 1.0 to 3.0 migration FAQ): nobody can pay this way "
        "from 2027-04; its figures are shown for reference.",)
    assert c.cheapest != "payg-legacy" and "payg-legacy" not in c.cheapest_by_month()


def test_a_2024_plan_of_an_existing_kms1_user_is_ok_and_cheapest_for_one_key():
    # 30 days x 0.002 = 0.06 hosting + 750 calls x 0.03 / 10,000 = 0.00225
    c = compare(_plan(KeyGroup(count=1, calls_per_month=D(750))))
    o = c.option("payg-legacy")
    assert o.total == D("0.06225") and o.status == "ok" and o.available
    assert c.cheapest == "payg-legacy" and c.cheapest_by_month() == ("payg-legacy",)
    assert figure_text(o, o.total) == "0.06"
    # runner-up: the PAYG software instance, 150.90 (below); 150.90 - 0.06225 = 150.83775
    assert c.reasons()[0] == ("KMS 1.0 pay-as-you-go is the cheapest over 1 month, 150.84 USD less than "
                              "Software key management instance (pay-as-you-go).")


def test_no_note_that_does_not_apply_when_no_instance_is_needed():
    # service-managed keys only, China site (instance fees unknown): nothing to buy, nothing to enter
    c = compare(_plan(KeyGroup(count=3, creator="service"), site="china"))
    for o in c.options[1:]:
        assert o.status == "ok" and o.notes == ("Only service-managed keys: no instance is needed.",), o.id


def test_the_only_option_ranked_is_said_so():
    c = compare(_plan(KeyGroup(count=1, protection="HSM", calls_per_month=D(750))))
    assert c.reasons()[0] == ("KMS 1.0 pay-as-you-go is the cheapest over 1 month, the only option fully priced "
                              "and able to serve the plan.")


def test_the_same_plan_of_a_new_user_is_unavailable():
    c = compare(_plan(KeyGroup(count=1, calls_per_month=D(750)), kms1_user=False))
    o = c.option("payg-legacy")
    assert o.total == D("0.06225") and o.status == "unavailable" and o.first_problem_month == "2024-04"
    assert o.short_reason == "closed to new customers since 2022-03-31"
    # the cheapest that can be bought: PAYG software instance 30 x 4.5 + 30 x 0.03 + 1 QPS x 30 x 0.5 = 150.90
    assert c.cheapest == "payg-instance-software" and c.option("payg-instance-software").total == D("150.90")


def test_new_customers_month_by_month_from_2022_04():
    c = compare(_plan(KeyGroup(count=1), start="2022-02", months=3, kms1_user=False))
    o = c.option("payg-legacy")
    assert o.monthly_status == ("ok", "ok", "unavailable") and o.first_problem_month == "2022-04"
    assert c.cheapest_by_month()[:2] == ("payg-legacy", "payg-legacy")
    assert c.cheapest_by_month()[2] != "payg-legacy"


def test_everyone_from_2025_10():
    o = compare(_plan(KeyGroup(count=1), start="2025-08", months=3)).option("payg-legacy")
    assert o.monthly_status == ("ok", "ok", "unavailable") and o.first_problem_month == "2025-10"
    assert o.monthly == (D("0.062"), D("0.060"), D("0.062"))  # 31, 30, 31 days x 0.002: still priced


# --- KMS 1.0 limits ------------------------------------------------------------------------------

def test_asymmetric_calls_above_200_qps_at_peak_are_over_the_limit_from_the_month_named():
    # April 2024: 172,800,000 x 3 / 2,592,000 s = 200 QPS exactly (not over).
    # May: 190,080,000 (10 % growth) x 3 / 2,678,400 s = 212.9 -> 213 QPS > 200.
    c = compare(_plan(KeyGroup(count=1, spec="RSA_2048", calls_per_month=D(172_800_000), calls_growth_pct=D(10)),
                      months=2))
    o = c.option("payg-legacy")
    assert o.monthly_status == ("ok", "over-limit") and o.status == "over-limit"
    assert o.first_problem_month == "2024-05" and o.short_reason == "over the 200 QPS asymmetric limit from 2024-05"
    assert o.status_reasons == (
        "From 2024-05 the plan needs 213 QPS of cryptographic operations with asymmetric keys at peak; KMS 1.0 "
        "allows 200 QPS with asymmetric keys per account per region on the shared gateway, which cannot be "
        "increased (Performance data (shared gateway)).",)
    assert o.figure_kind == "reference"
    # 518.40 USD of calls in April (172,800,000 x 0.03 / 10,000): ranked that month, not in May
    assert o.monthly[0] == D("518.4") + D("0.06")
    assert c.cheapest_by_month()[1] != "payg-legacy" and c.cheapest != "payg-legacy"


def test_symmetric_calls_above_1000_qps():
    # 864,000,000 x 3 / 2,592,000 = 1,000 QPS: ok; one call more: 1,001 > 1,000.
    at = compare(_plan(KeyGroup(count=1, calls_per_month=D(864_000_000)))).option("payg-legacy")
    over = compare(_plan(KeyGroup(count=1, calls_per_month=D(864_000_001)))).option("payg-legacy")
    assert at.status == "ok" and over.status == "over-limit"
    assert over.short_reason == "over the 1,000 QPS symmetric limit from 2024-04"


def test_cmks_per_region_and_a_raised_quota():
    assert compare(_plan(KeyGroup(count=200))).option("payg-legacy").status == "ok"
    o = compare(_plan(KeyGroup(count=201))).option("payg-legacy")
    assert o.status == "over-limit" and o.status_reasons == (
        "The plan has 201 customer master keys in one region; KMS 1.0 allows 200 per account per region "
        "(KMS 1.0 Limits).",)
    raised = compare(_plan(KeyGroup(count=201), limit_overrides={"payg_legacy_cmks_per_region": D(500)}))
    assert raised.option("payg-legacy").status == "ok"


def test_key_versions_per_region_with_rotation():
    # 100 keys x 99 versions = 9,900; +100 on day 30 (May 1) = 10,000 (at the limit), +100 on day 60
    # (May 31) = 10,100 over; day 90 (June 30) = 10,200.
    o = compare(_plan(KeyGroup(count=100, versions=99, rotation_days=30), months=3)).option("payg-legacy")
    assert o.monthly_status == ("ok", "over-limit", "over-limit") and o.first_problem_month == "2024-05"
    assert o.status_reasons == (
        "From 2024-05 the plan needs 10,100 key versions, up to 10,200 by 2024-06; KMS 1.0 allows 10,000 CMK "
        "versions per account per region (KMS 1.0 Limits).",)


# --- incomplete, unverified, unavailable ---------------------------------------------------------

def test_incomplete_names_the_price_and_is_a_lower_bound():
    o = compare(_plan(KeyGroup(count=1, protection="HSM"))).option("instance-hardware")
    assert (o.status, o.figure_kind, o.to_enter) == ("incomplete", "lower-bound", ("cloud-hsm.cluster.month",))
    assert figure_text(o, o.total, "USD") == "≥ 1,799.00 USD"
    secrets = compare(_plan(KeyGroup(count=1), secrets=5)).option("instance-software")
    assert secrets.status == "incomplete" and secrets.to_enter == ("instance-software.secret-quota",)


def test_hsm_keys_on_a_software_instance_are_unavailable():
    c = compare(_plan(KeyGroup(count=1, protection="HSM")))
    for oid in ("instance-software", "payg-instance-software"):
        assert c.option(oid).status == "unavailable" and c.option(oid).short_reason == "holds no HSM keys"


def test_an_unknown_main_price_has_no_figure():
    o = compare(_plan(KeyGroup(count=1), site="china")).option("instance-software")  # no China-site price
    assert (o.status, o.figure_kind, o.total) == ("incomplete", "none", D(0))
    assert figure_text(o, o.total) == "n/a"  # never 0.00 for an option that is not ok


# --- the regulated estate ---------------------------------------------------------------------------

def test_regulated_estate_no_option_ok_until_the_cluster_price_is_entered():
    plan = load(samples_dir() / "regulated-estate.kmsplan")
    c = compare(plan)
    assert c.cheapest is None and c.available == ()
    assert c.option("dedicated").status == "unverified"
    assert c.reasons()[0] == (
        "No option is fully priced and able to serve this plan, so none is ranked: to get a ranking, enter "
        "China-site hardware instance price (instance-hardware.month), Cloud HSM cluster price "
        "(cloud-hsm.cluster.month), Dedicated KMS keys per instance (dedicated_instance_key_quota) and "
        "Dedicated KMS QPS per instance (dedicated_instance_qps).")
    with_cluster = compare(plan.with_(price_overrides={"cloud-hsm.cluster.month": D(2000)}))
    # 60 months x 2,000 added to the PAYG hardware instance; it is then the only option ok
    before, after = c.option("payg-instance-hardware"), with_cluster.option("payg-instance-hardware")
    assert after.total - before.total == D(120_000) and after.status == "ok"
    assert with_cluster.cheapest == "payg-instance-hardware"
    # Dedicated (60 x 2,399 + 60 x 2,000 = 263,940, one instance for reference) is far cheaper but never crowned
    dedicated = with_cluster.option("dedicated")
    assert dedicated.total == D(263_940) and dedicated.status == "unverified"
    assert dedicated.total < after.total


def test_regulated_estate_dedicated_sized_by_entered_capacity():
    plan = load(samples_dir() / "regulated-estate.kmsplan").with_(
        price_overrides={"cloud-hsm.cluster.month": D(2000)},
        limit_overrides={"dedicated_instance_key_quota": D(10_000), "dedicated_instance_qps": D(1000)})
    o = compare(plan).option("dedicated")
    # 5,300 keys in 2027-01 (1 version each, 250 pending deletion not counted): 1 instance; by 2031-12
    # 44,800 versions -> 5 instances. Each month: instances x (2,399 + 2,000).
    counts = o.detail("instances")
    assert counts[0] == 1 and counts[-1] == 5 and o.status == "ok"
    assert o.monthly == tuple(n * D(4399) for n in counts)


# --- key specs -------------------------------------------------------------------------------------

def test_ec_sm2_is_billed_as_an_advanced_key_and_aliyun_sm2_stays_an_alias():
    # as seed example 3: 30 x 0.083 = 2.49 hosting + 100,000 x 0.15 / 10,000 = 1.50 calls
    for spec in ("EC_SM2", "Aliyun_SM2"):
        o = compare(_plan(KeyGroup(count=1, protection="HSM", spec=spec, calls_per_month=D(100_000))))
        assert o.option("payg-legacy").total == D("3.99")
    plan = _plan(KeyGroup(count=1, protection="HSM", spec="Aliyun_SM2"), KeyGroup(count=1, spec="EC_SM2"))
    again = loads(dumps(plan))
    assert [g.spec for g in again.key_groups] == ["Aliyun_SM2", "EC_SM2"] and dumps(again) == dumps(plan)


def test_plan_fields_round_trip_and_default():
    plan = _plan(KeyGroup(), limit_overrides={"dedicated_instance_qps": D(5000)})
    text = dumps(plan)
    assert '"kms1_user": true' in text and '"dedicated_instance_qps": 5000' in text
    again = loads(text)
    assert again.kms1_user is True and dict(again.limit_overrides) == {"dedicated_instance_qps": D(5000)}
    plain = dumps(_plan(KeyGroup(), kms1_user=False))
    assert "kms1_user" not in plain and "limit_overrides" not in plain  # files without them stay as today


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_kms1_user_must_be_a_boolean(value):
    import json
    doc = json.loads(dumps(_plan(KeyGroup())))
    doc["kms1_user"] = value
    with pytest.raises(ValueError, match="kms1_user"):
        loads(json.dumps(doc))
