"""Price catalogs hold every figure of shared/pricing-facts.md, as Decimal, and mark the rest unknown."""

from decimal import Decimal

import pytest

from core.catalog import SITES, CatalogError, _parse_value, load_catalog, option_styles

# Every published figure of pricing-facts.md, by the catalog's own price id.
PUBLISHED = {
    "payg-legacy.hosting.service": "0",
    "payg-legacy.hosting.software": "0.002",
    "payg-legacy.hosting.hsm-basic": "0.033",
    "payg-legacy.hosting.hsm-advanced.first-2000": "0.083",
    "payg-legacy.hosting.hsm-advanced.beyond-2000": "0.033",
    "payg-legacy.api.service.mainland": "0",
    "payg-legacy.api.service.outside_mainland": "0",
    "payg-legacy.api.basic.mainland": "0.08",
    "payg-legacy.api.basic.outside_mainland": "0.03",
    "payg-legacy.api.advanced.mainland": "0.24",
    "payg-legacy.api.advanced.outside_mainland": "0.15",
    "instance-software.month": "500",
    "instance-hardware.month": "1799",
    "payg-instance-software.day": "4.5",
    "payg-instance-hardware.day": "9",
    "payg-instance.key-version.day": "0.03",
    "payg-instance.secret.day": "0.013",
    "payg-instance.qps.day": "0.5",
    "dedicated.month": "1799",
}
NOT_PUBLISHED = [
    "cloud-hsm.cluster.month",
    "instance-software.key-quota", "instance-software.secret-quota", "instance-software.qps",
    "instance-hardware.key-quota", "instance-hardware.secret-quota", "instance-hardware.qps",
]


@pytest.mark.parametrize("price_id,value", PUBLISHED.items())
def test_international_catalog_has_every_published_price(price_id, value):
    price = load_catalog("international").price(price_id)
    assert price.value == Decimal(value)
    assert isinstance(price.value, Decimal)
    assert price.currency == "USD"
    assert price.source.title and price.source.url.startswith("https://www.alibabacloud.com/")


@pytest.mark.parametrize("price_id", NOT_PUBLISHED)
def test_unpublished_prices_are_unknown_not_invented(price_id):
    price = load_catalog("international").price(price_id)
    assert price.value is None and not price.known


def test_china_site_changes_subscription_prices_only():
    china, intl = load_catalog("china"), load_catalog("international")
    assert china.value("dedicated.month") == Decimal("2399")
    assert china.value("instance-software.month") is None  # no China-site figure is published
    assert china.value("instance-hardware.month") is None
    assert china.value("payg-legacy.api.basic.mainland") == intl.value("payg-legacy.api.basic.mainland")


def test_quotas_and_tier_are_data():
    c = load_catalog("international")
    assert c.limit("payg_legacy_advanced_tier_versions") == 2000
    assert (c.limit("instance_software_key_quota"), c.limit("instance_software_qps")) == (1000, 1000)
    assert (c.limit("instance_hardware_key_quota"), c.limit("instance_hardware_qps")) == (1000, 2000)
    assert c.limit("instance_max_key_quota") == 100_000
    assert list(c.limits["instance_qps_levels"])[:4] == [200, 1000, 2000, 4000]


def test_key_specs_basic_and_advanced():
    specs = load_catalog("international").specs
    assert {s for s, k in specs.items() if k == "basic"} == {"Aliyun_AES_256", "Aliyun_SM4", "RSA_2048"}
    assert {s for s, k in specs.items() if k == "advanced"} == {"RSA_3072", "EC_P256", "EC_P256K", "Aliyun_SM2", "EC_SM2"}


def test_overrides_replace_a_price_and_keep_the_published_one():
    c = load_catalog("international").with_overrides({"payg-legacy.hosting.software": Decimal("0.0025"),
                                                       "cloud-hsm.cluster.month": Decimal("1200")})
    p = c.price("payg-legacy.hosting.software")
    assert (p.value, p.overridden, p.catalog_value) == (Decimal("0.0025"), True, Decimal("0.002"))
    assert c.price("cloud-hsm.cluster.month").catalog_value is None
    assert load_catalog("international").value("payg-legacy.hosting.software") == Decimal("0.002")


def test_unknown_price_id_is_named():
    with pytest.raises(KeyError, match="no-such"):
        load_catalog("international").price("no-such")


def test_bad_catalog_values_are_refused():
    assert _parse_value("unknown", "x") is None
    with pytest.raises(CatalogError, match="where: value must be >= 0"):
        _parse_value("-1", "where")
    with pytest.raises(CatalogError, match="decimal string"):
        _parse_value(0.5, "where")


def test_every_option_has_one_colour():
    styles = option_styles()
    assert list(styles) == ["payg-legacy", "instance-software", "instance-hardware",
                            "payg-instance-software", "payg-instance-hardware", "dedicated"]
    assert len({s.colour for s in styles.values()}) == 6


def test_other_clouds_reference_prices_are_data_too():
    ref = load_catalog("other-clouds")
    assert "other-clouds" not in SITES  # never a plan's site
    assert {pid: str(p.value) for pid, p in ref.prices.items()} == {
        "aws.key.month": "1", "aws.requests": "0.03",
        "gcp.software.version.month": "0.06", "gcp.hsm-basic.version.month": "1.00",
        "gcp.hsm-advanced.version.month.first-2000": "2.50", "gcp.hsm-advanced.version.month.beyond-2000": "1.00",
        "gcp.operations": "0.03", "gcp.hsm-advanced.operations": "0.15"}
    assert ref.limit("aws_free_requests_per_month") == 20_000 and ref.limit("gcp_hsm_advanced_tier_versions") == 2000
    assert ref.price("gcp.operations").source.effective_date == "2025-03-17"


# --- issue 8: limits, lifecycle dates and specs are sourced data next to the prices ------------------

LIMITS = {  # pricing-facts section 7 (and 2 for the instances)
    "payg_legacy_cmks_per_region": (200, "kms-limits"),
    "payg_legacy_versions_per_region": (10_000, "kms-limits"),
    "shared_gateway_symmetric_qps": (1000, "performance"),
    "shared_gateway_asymmetric_qps": (200, "performance"),
    "dedicated_instance_key_quota": (None, "not-published"),
    "dedicated_instance_qps": (None, "not-published"),
}


@pytest.mark.parametrize("limit_id,expected", LIMITS.items())
def test_limits_carry_their_source(limit_id, expected):
    c = load_catalog("international")
    entry = c.limit_entry(limit_id)
    assert (entry.value, entry.source.key) == expected
    assert c.limit_value(limit_id) == expected[0]
    assert (limit_id in c.limits) == (expected[0] is not None)  # `limits` lists known values only


def test_every_limit_and_date_has_a_source_page():
    c = load_catalog("international")
    for entry in c.limit_entries.values():
        assert entry.source.title, entry.id
        assert entry.value is None or entry.source.url.startswith("https://www.alibabacloud.com/"), entry.id
    assert {k: d.date for k, d in c.lifecycle.items()} == {
        "payg-legacy.new-customers": "2022-03-31", "payg-legacy.end-of-service": "2025-09-30"}
    assert all(d.source.url.startswith("https://www.alibabacloud.com/") for d in c.lifecycle.values())


def test_limit_overrides_replace_a_limit_and_keep_the_published_one():
    c = load_catalog("international").with_overrides({}, {"payg_legacy_cmks_per_region": Decimal(1000),
                                                           "dedicated_instance_qps": Decimal(4000)})
    assert c.limit_value("payg_legacy_cmks_per_region") == 1000 and c.limit_value("dedicated_instance_qps") == 4000
    entry = c.limit_entry("payg_legacy_cmks_per_region")
    assert (entry.overridden, entry.catalog_value) == (True, 200)
    assert load_catalog("international").limit_value("dedicated_instance_qps") is None


def test_every_spec_has_a_sourced_class_and_family():
    c = load_catalog("international")
    for spec, info in c.spec_info.items():
        assert info.source is not None and info.source.url, spec
    assert (c.spec_info["EC_SM2"].category, c.spec_info["EC_SM2"].family) == ("advanced", "asymmetric")
    assert c.spec_info["EC_SM2"].source.key == "kms-api"
    assert {s for s, i in c.spec_info.items() if i.family == "symmetric"} == {"Aliyun_AES_256", "Aliyun_SM4"}


def test_sources_as_researched():
    c = load_catalog("international")
    assert c.price("payg-instance.qps.day").source.effective_date == "2024-08-15"
    assert c.price("dedicated.month").source.url == (
        "https://www.alibabacloud.com/help/en/kms/key-management-service/latest/exclusive-kms-billing-description")
    assert c.facts["dedicated.regions"].source.key == "dedicated-manage"


def test_china_reuses_the_international_payg_instance_prices_and_says_so():
    china, intl = load_catalog("china"), load_catalog("international")
    for pid in ("payg-instance-software.day", "payg-instance-hardware.day", "payg-instance.key-version.day",
                "payg-instance.secret.day", "payg-instance.qps.day"):
        assert china.price(pid) == intl.price(pid)
    from core.paths import pricing_dir
    assert "REUSES the international KMS 3.0 pay-as-you-go" in (pricing_dir() / "china.toml").read_text()
    assert china.limit_entries == intl.limit_entries and china.lifecycle == intl.lifecycle
