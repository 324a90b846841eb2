"""Price catalogs: the vendor's unit prices as Decimal data, with source and effective date.

Prices are data (resources/pricing/<site>.toml), never literals in code. A price the vendor
does not publish is present with value None, so the app can ask the user for it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

from core.paths import pricing_dir, resources_dir

SITES = ("international", "china")


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str
    effective_date: str


@dataclass(frozen=True)
class Price:
    id: str
    label: str
    value: Decimal | None  # None: not published, the user must enter it
    unit: str
    currency: str
    source: Source
    overridden: bool = False
    catalog_value: Decimal | None = None  # the published figure, kept when overridden

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class PriceCatalog:
    site: str
    title: str
    currency: str
    prices: Mapping[str, Price]
    specs: Mapping[str, str]  # KeySpec -> "basic" | "advanced"
    limits: Mapping[str, object] = field(default_factory=dict)

    def price(self, price_id: str) -> Price:
        try:
            return self.prices[price_id]
        except KeyError:
            raise KeyError(f"no price {price_id!r} in the {self.site} catalog") from None

    def value(self, price_id: str) -> Decimal | None:
        return self.price(price_id).value

    def limit(self, name: str) -> int:
        return int(self.limits[name])  # type: ignore[arg-type]

    def with_overrides(self, overrides: Mapping[str, Decimal]) -> "PriceCatalog":
        """The catalog as the plan sees it: user prices replace the published ones."""
        if not overrides:
            return self
        prices = dict(self.prices)
        for price_id, value in overrides.items():
            base = self.price(price_id)
            prices[price_id] = replace(base, value=value, overridden=True, catalog_value=base.value)
        return replace(self, prices=MappingProxyType(prices))


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
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise CatalogError(f"no price catalog for site {site!r} ({path})") from None
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{path.name}: {exc}") from None


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
            )
        except KeyError as exc:
            raise CatalogError(f"{where}: missing or unknown {exc}") from None
    specs = dict(base.specs) if base else {}
    specs.update(data.get("specs", {}))
    limits = dict(base.limits) if base else {}
    limits.update(data.get("limits", {}))
    return PriceCatalog(
        site=site,
        title=meta.get("title", site),
        currency=currency,
        prices=MappingProxyType(prices),
        specs=MappingProxyType(specs),
        limits=MappingProxyType(limits),
    )


@lru_cache(maxsize=None)
def load_catalog(site: str) -> PriceCatalog:
    """The published catalog of one site (international, china), cached: it is immutable."""
    data = _read(site)
    base_site = data.get("meta", {}).get("base")
    base = load_catalog(base_site) if base_site else None
    return _build(site, data, base)


@dataclass(frozen=True)
class OptionStyle:
    id: str
    label: str
    short: str
    colour: str


@lru_cache(maxsize=1)
def option_styles() -> Mapping[str, OptionStyle]:
    """Label and the one colour of each billing option, in display order."""
    with open(resources_dir() / "options.toml", "rb") as handle:
        data = tomllib.load(handle)
    return MappingProxyType(
        {o["id"]: OptionStyle(o["id"], o["label"], o["short"], o["colour"]) for o in data["option"]}
    )
