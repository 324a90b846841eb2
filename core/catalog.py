"""Price catalogs: the vendor's unit prices, limits and lifecycle dates as data, each with its source.

Prices are data (resources/pricing/<site>.toml), never literals in code. A price or limit the
vendor does not publish is present with value None, so the app can ask the user for it; users
override a limit (a raised quota, a capacity they were quoted) as they override a price.
"""

from __future__ import annotations

from dataclasses import field, replace
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

from core.frozen import frozen
from core.paths import pricing_dir, resources_dir
from core.toml_twin import load_toml

SITES = ("international", "china")


@frozen
class Source:
    """Where a figure comes from: a page's title and address, and the date its figures took effect."""

    key: str
    title: str
    url: str
    effective_date: str


@frozen
class Price:
    """A unit price with its source; value None when the vendor does not publish it."""

    id: str
    label: str
    value: Decimal | None  # None: not published, the user must enter it
    unit: str
    currency: str
    source: Source
    overridden: bool = False
    catalog_value: Decimal | None = None  # the published figure, kept when overridden
    short: str = ""  # a few words for the headline ("Cloud HSM cluster price")

    @property
    def known(self) -> bool:
        return self.value is not None


@frozen
class Limit:
    """A published quantity that is not money: a quota, a throughput, a tier; None if not published."""

    id: str
    label: str
    value: object  # int, Decimal, a list of levels, or None (not published: the user may enter it)
    unit: str
    source: Source
    overridden: bool = False
    catalog_value: object = None
    short: str = ""  # a few words for the headline ("Dedicated KMS keys per instance")

    @property
    def known(self) -> bool:
        return self.value is not None


@frozen
class LifecycleDate:
    """A date from which an option can no longer be bought by some or all customers."""

    id: str
    label: str
    date: str  # YYYY-MM-DD, the last day it could still be bought / used
    source: Source


@frozen
class Fact:
    """A sourced sentence the options quote as it is (e.g. the regions an option is sold in)."""

    id: str
    text: str
    source: Source


@frozen
class SpecInfo:
    """A key spec: its KMS 1.0 price category and its key family (the shared gateway's limits)."""

    name: str
    category: str  # "basic" | "advanced" (KMS 1.0 prices)
    family: str  # "symmetric" | "asymmetric" (shared-gateway throughput)
    source: Source | None = None
    alias_of: str = ""


@frozen
class PriceCatalog:
    """One site's published prices, specs, limits, lifecycle dates and facts (read from its TOML file)."""

    site: str
    title: str
    currency: str
    prices: Mapping[str, Price]
    specs: Mapping[str, str]  # KeySpec -> "basic" | "advanced"
    limits: Mapping[str, object] = field(default_factory=dict)  # the known limits' values, by id
    limit_entries: Mapping[str, Limit] = field(default_factory=dict)  # every limit, known or not
    lifecycle: Mapping[str, LifecycleDate] = field(default_factory=dict)
    facts: Mapping[str, Fact] = field(default_factory=dict)
    spec_info: Mapping[str, SpecInfo] = field(default_factory=dict)

    def price(self, price_id: str) -> Price:
        try:
            return self.prices[price_id]
        except KeyError:
            raise KeyError(f"no price {price_id!r} in the {self.site} catalog") from None

    def value(self, price_id: str) -> Decimal | None:
        return self.price(price_id).value

    def limit(self, name: str) -> int:
        return int(self.limits[name])  # type: ignore[arg-type]

    def limit_value(self, name: str) -> int | None:
        """A limit as a whole number, or None when it is not published and not entered."""
        value = self.limits.get(name)
        return None if value is None else int(value)  # type: ignore[arg-type]

    def limit_entry(self, name: str) -> Limit:
        try:
            return self.limit_entries[name]
        except KeyError:
            raise KeyError(f"no limit {name!r} in the {self.site} catalog") from None

    def family(self, spec: str) -> str:
        """"symmetric" or "asymmetric" (the shared gateway's two throughput limits)."""
        info = self.spec_info.get(spec)
        return info.family if info else "symmetric"

    def with_overrides(self, overrides: Mapping[str, Decimal],
                       limit_overrides: Mapping[str, Decimal] | None = None) -> "PriceCatalog":
        """The catalog as the plan sees it: user prices and limits replace the published ones."""
        if not overrides and not limit_overrides:
            return self
        prices = dict(self.prices)
        for price_id, value in (overrides or {}).items():
            base = self.price(price_id)
            prices[price_id] = replace(base, value=value, overridden=True, catalog_value=base.value)
        limits, entries = dict(self.limits), dict(self.limit_entries)
        for name, value in (limit_overrides or {}).items():
            base = self.limit_entry(name)
            if isinstance(base.value, list):
                raise ValueError(f"the limit {name!r} is a list of levels and cannot be overridden")
            entries[name] = replace(base, value=value, overridden=True, catalog_value=base.value)
            limits[name] = value
        return replace(self, prices=MappingProxyType(prices), limits=MappingProxyType(limits),
                       limit_entries=MappingProxyType(entries))


class CatalogError(ValueError):
    """A catalog data file is broken; names the file and the entry."""


def _parse_value(raw: object, where: str) -> Decimal | None:
    if raw == "unknown":
        return None
    if not isinstance(raw, str):
        raise CatalogError(f"{where}: value must be a decimal string or \"unknown\", got {raw!r}")
    value = Decimal(raw)
    if value < 0 or not value.is_finite():
        raise CatalogError(f"{where}: value must be >= 0, got {raw!r}")
    return value


def _read(site: str) -> dict:
    path = pricing_dir() / f"{site}.toml"
    try:
        return load_toml(path)  # through its JSON twin when that is fresh (core.toml_twin)
    except FileNotFoundError:
        raise CatalogError(f"no price catalog for site {site!r} ({path})") from None
    except ValueError as exc:
        import tomllib  # a file that failed to parse was read with it

        if isinstance(exc, tomllib.TOMLDecodeError):
            raise CatalogError(f"{path.name}: {exc}") from None
        raise


def _build(site: str, data: dict, base: PriceCatalog | None) -> PriceCatalog:
    meta = data.get("meta", {})
    currency = meta.get("currency", base.currency if base else "USD")
    sources = {
        key: Source(key, s.get("title", key), s.get("url", ""), s.get("effective_date", ""))
        for key, s in data.get("sources", {}).items()
    }
    if base:
        for price in base.prices.values():
            sources.setdefault(price.source.key, price.source)
        for item in (*base.limit_entries.values(), *base.lifecycle.values(), *base.facts.values()):
            if item.source.key:
                sources.setdefault(item.source.key, item.source)
    prices: dict[str, Price] = dict(base.prices) if base else {}
    for n, entry in enumerate(data.get("price", [])):
        where = f"{site}.toml price[{n}] ({entry.get('id', '?')})"
        try:
            src = sources[entry["source"]]
            prices[entry["id"]] = Price(
                id=entry["id"],
                label=entry["label"],
                value=_parse_value(entry["value"], where),
                unit=entry["unit"],
                currency=currency,
                source=src,
                short=entry.get("short", ""),
            )
        except KeyError as exc:
            raise CatalogError(f"{where}: missing or unknown {exc}") from None
    specs = dict(base.specs) if base else {}
    spec_info = dict(base.spec_info) if base else {}
    for name, raw in data.get("specs", {}).items():
        where = f"{site}.toml specs.{name}"
        if isinstance(raw, str):  # the short form: just the category
            raw = {"category": raw}
        try:
            info = SpecInfo(name, raw["category"], raw.get("family", "symmetric"),
                            sources[raw["source"]] if "source" in raw else None, raw.get("alias_of", ""))
        except KeyError as exc:
            raise CatalogError(f"{where}: missing or unknown {exc}") from None
        specs[name] = info.category
        spec_info[name] = info
    entries: dict[str, Limit] = dict(base.limit_entries) if base else {}
    no_source = Source("", "", "", "")
    for name, value in data.get("limits", {}).items():  # the short form: values without sources
        entries[name] = Limit(name, name, value, "", no_source)
    for n, entry in enumerate(data.get("limit", [])):
        where = f"{site}.toml limit[{n}] ({entry.get('id', '?')})"
        try:
            raw = entry["value"]
            entries[entry["id"]] = Limit(entry["id"], entry["label"], None if raw == "unknown" else raw,
                                         entry.get("unit", ""), sources[entry["source"]],
                                         short=entry.get("short", ""))
        except KeyError as exc:
            raise CatalogError(f"{where}: missing or unknown {exc}") from None
    lifecycle = dict(base.lifecycle) if base else {}
    for n, entry in enumerate(data.get("lifecycle", [])):
        where = f"{site}.toml lifecycle[{n}] ({entry.get('id', '?')})"
        try:
            lifecycle[entry["id"]] = LifecycleDate(entry["id"], entry["label"], entry["date"],
                                                   sources[entry["source"]])
        except KeyError as exc:
            raise CatalogError(f"{where}: missing or unknown {exc}") from None
    facts = dict(base.facts) if base else {}
    for n, entry in enumerate(data.get("fact", [])):
        try:
            facts[entry["id"]] = Fact(entry["id"], entry["text"], sources[entry["source"]])
        except KeyError as exc:
            raise CatalogError(f"{site}.toml fact[{n}]: missing or unknown {exc}") from None
    limits = {name: e.value for name, e in entries.items() if e.value is not None}
    return PriceCatalog(
        site=site,
        title=meta.get("title", site),
        currency=currency,
        prices=MappingProxyType(prices),
        specs=MappingProxyType(specs),
        limits=MappingProxyType(limits),
        limit_entries=MappingProxyType(entries),
        lifecycle=MappingProxyType(lifecycle),
        facts=MappingProxyType(facts),
        spec_info=MappingProxyType(spec_info),
    )


@lru_cache(maxsize=None)
def load_catalog(site: str) -> PriceCatalog:
    """The published catalog of one site (international, china), cached: it is immutable."""
    data = _read(site)
    base_site = data.get("meta", {}).get("base")
    base = load_catalog(base_site) if base_site else None
    return _build(site, data, base)


@frozen
class OptionStyle:
    """How a billing option is shown: its label, a short name and its one colour."""

    id: str
    label: str
    short: str
    colour: str


@lru_cache(maxsize=1)
def option_styles() -> Mapping[str, OptionStyle]:
    """Label and the one colour of each billing option, in display order."""
    data = load_toml(resources_dir() / "options.toml")
    return MappingProxyType(
        {o["id"]: OptionStyle(o["id"], o["label"], o["short"], o["colour"]) for o in data["option"]}
    )
