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
