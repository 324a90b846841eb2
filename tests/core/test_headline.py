"""The one caveat-carrying line (core.headline) every view and export leads with."""

from dataclasses import replace
from decimal import Decimal

from core.compare import compare
from core.headline import headline, headline_parts
from core.options.base import Line, OptionCost
from core.paths import samples_dir
from core.plan import KeyGroup, Plan
from core.planfile import load

D = Decimal


def test_growing_saas():
    c = compare(load(samples_dir() / "growing-saas.kmsplan"))
    parts = headline_parts(c)
    assert parts.lead == "Cheapest fully priced: Software instance, 18,500.00 USD over 36 months."
    assert parts.not_ranked == (("KMS 1.0 PAYG", "ended 2025-09-30"),
                                ("Hardware instance", "Cloud HSM cluster price not entered"),
                                ("Hardware instance PAYG", "Cloud HSM cluster price not entered"),
                                ("Dedicated KMS", "capacity not published"))
    assert headline(c) == parts.text == (
        "Cheapest fully priced: Software instance, 18,500.00 USD over 36 months. Not ranked: KMS 1.0 PAYG "
        "(ended 2025-09-30), Hardware instance (Cloud HSM cluster price not entered), Hardware instance PAYG "
        "(Cloud HSM cluster price not entered), Dedicated KMS (capacity not published).")


def test_regulated_estate_says_none_is_ranked_and_what_to_enter():
    c = compare(load(samples_dir() / "regulated-estate.kmsplan"))
    parts = headline_parts(c)
    assert parts.lead == "No option is fully priced and able to serve this plan."
    assert parts.to_enter == ("China-site hardware instance price (instance-hardware.month)",
                              "Cloud HSM cluster price (cloud-hsm.cluster.month)",
                              "Dedicated KMS keys per instance (dedicated_instance_key_quota)",
                              "Dedicated KMS QPS per instance (dedicated_instance_qps)")
    assert headline(c).endswith(
        "To get a ranking, enter: China-site hardware instance price (instance-hardware.month); Cloud HSM "
        "cluster price (cloud-hsm.cluster.month); Dedicated KMS keys per instance (dedicated_instance_key_quota); "
        "Dedicated KMS QPS per instance (dedicated_instance_qps).")
    assert ("KMS 1.0 PAYG", "ended 2025-09-30") in parts.not_ranked
    assert ("Software instance", "holds no HSM keys") in parts.not_ranked


def test_existing_and_new_kms1_customer_for_one_key():
    plan = Plan(start_month="2024-04", months=1, kms1_user=True,
                key_groups=(KeyGroup(count=1, calls_per_month=D(750)),))
    assert headline(compare(plan)).startswith("Cheapest fully priced: KMS 1.0 PAYG, 0.06 USD over 1 month. ")
    new = headline_parts(compare(plan.with_(kms1_user=False)))
    assert new.lead == "Cheapest fully priced: Software instance PAYG, 150.90 USD over 1 month."
    assert new.not_ranked[0] == ("KMS 1.0 PAYG", "closed to new customers since 2022-03-31")


def test_over_limit_names_the_month():
    plan = Plan(start_month="2024-04", months=2, kms1_user=True,
                key_groups=(KeyGroup(count=1, spec="RSA_2048", calls_per_month=D(172_800_000),
                                     calls_growth_pct=D(10)),))
    assert ("KMS 1.0 PAYG", "over the 200 QPS asymmetric limit from 2024-05") in headline_parts(compare(plan)).not_ranked


def _opt(option_id, *monthly):
    return OptionCost(option_id, option_id, True, (Line("fee", tuple(D(v) for v in monthly)),), (), len(monthly))


def test_a_tie_is_a_tie():
    c = compare(Plan(start_month="2027-01", months=2, key_groups=(KeyGroup(),)))
    c = replace(c, options=(_opt("payg-legacy", 5, 5), _opt("instance-software", 5, 5), _opt("dedicated", 6, 6)))
    assert headline(c) == "Cheapest fully priced: KMS 1.0 PAYG and Software instance (a tie), 10.00 USD over 2 months."
    assert c.reasons()[0] == ("payg-legacy and instance-software tie as the cheapest over 2 months, 10.00 USD each, "
                              "2.00 USD less than dedicated.")
    assert "0.00 USD less" not in " ".join(c.reasons())
