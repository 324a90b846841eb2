"""Every catalog price, and every catalog limit, as table rows; the Value column overrides it
(saved in plan.price_overrides / plan.limit_overrides).

The rows are the effective figures core computes (published, or the plan's override). A typed value
is read by core.numbers (0.0025, 1.5k, 6e7) and checked by core.fields ("price", "limit"), the rules
the plan loader applies to overrides, so the message matches the loader's.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt, Signal

from core.catalog import Limit, Price, load_catalog
from core.fields import check, decimal_text
from core.numbers import parse_number
from core.refusals import clause
from desktop.models.table_model import Column, Editor, InvalidRole, TableModel

RIGHT = Qt.AlignRight | Qt.AlignVCenter
UNKNOWN = "unknown: enter a price"
UNKNOWN_LIMIT = "unknown: enter your quote"


def effective_prices(plan) -> tuple[Price, ...]:
    """The catalog's prices in file order, with the plan's overrides applied (by core)."""
    return tuple(load_catalog(plan.site).with_overrides(plan.price_overrides).prices.values())


def effective_limits(plan) -> tuple[Limit, ...]:
    """The catalog's single-valued limits in file order, with the plan's overrides applied (by core).
    (A list of levels, such as the instance QPS levels, is not a figure one overrides.)"""
    catalog = load_catalog(plan.site).with_overrides({}, plan.limit_overrides)
    return tuple(limit for limit in catalog.limit_entries.values() if not isinstance(limit.value, list))


def _exact(value) -> str:
    """Exact digits, grouped for reading: 10,000 and 0.0025."""
    text = decimal_text(value if isinstance(value, (int, Decimal)) else Decimal(str(value)))
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    return sign + f"{int(whole):,}" + (f".{frac}" if frac else "")


def _value_text(price: Price) -> str:
    return _exact(price.value) if price.value is not None else UNKNOWN


def _published(row) -> str:
    value = row.catalog_value if row.overridden else row.value
    return _exact(value) if value is not None else "not published"


def _published_value(row):
    return row.catalog_value if row.overridden else row.value


def _value_tip(price: Price) -> str:
    if price.overridden:
        return f"Your price. Published: {_published(price)} {price.currency}. Revert to use the published figure."
    if price.value is None:
        return "The vendor does not publish this price: enter the figure from the buy page."
    return "Published price; type a figure to override it for this plan."


def _limit_tip(limit: Limit) -> str:
    if limit.overridden:
        return (f"Your figure (a raised quota, or your quote). Published: {_published(limit)} {limit.unit}. "
                f"Revert to use the published figure.")
    if limit.value is None:
        return "Not published: enter the figure from your quote to size and rank this option."
    return "Published limit; type a figure to override it for this plan (a quota you had raised)."


def _typed(value, field: str):
    """None for an empty entry (back to the published figure), else the checked number."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    return check(field, parse_number(value))


class OverridesModel(TableModel):
    """Catalog figures of one kind; editing Value adds, changes or (when cleared) removes an override."""

    refused = Signal(str)
    noun = "price"

    def _reverted(self, row):
        if not row.overridden:
            return row
        return replace(row, value=row.catalog_value, overridden=False, catalog_value=None)

    def _edit_value(self, row, value):
        number = _typed(value, self.noun)
        if number is None:
            return self._reverted(row)
        return replace(row, value=Decimal(number), overridden=True,
                       catalog_value=row.catalog_value if row.overridden else row.value)

    def setData(self, index, value, role=Qt.EditRole) -> bool:
        accepted = super().setData(index, value, role)
        if not accepted and index.isValid() and self.data(index, InvalidRole):
            row = self.row(index.row())
            self.refused.emit(f"{row.label}: {clause(self.data(index, InvalidRole))}. Not applied: the plan keeps "
                              f"{self.columns[index.column()].show(row)}.")
        return accepted

    def revert_rows(self, rows) -> None:
        """Back to the published figures for these rows, as one undoable step.
        (Not named revert(): that is QAbstractItemModel's virtual, which Escape in an editor calls.)"""
        ids = [self.row(r).id for r in rows if self.row(r).overridden]
        if not ids:
            return
        plan = self.document.plan
        field = f"{self.noun}_overrides"
        kept = {k: v for k, v in getattr(plan, field).items() if k not in ids}
        label = f"Revert {self.noun}" if len(ids) == 1 else f"Revert {len(ids)} {self.noun}s"
        self.document.edit(plan.with_(**{field: kept}), label)


class PricesModel(OverridesModel):
    """Prices of the plan's catalog."""

    noun = "price"

    def __init__(self, document, parent=None):
        self._document = document
        columns = [
            Column("label", "Price", lambda p: p.label, tip=lambda p: p.id, width=40),
            Column("value", "Value", _value_text, value=lambda p: "" if p.value is None else _exact(p.value),
                   edit=self._edit_value, editor=Editor("number"), tip=_value_tip,
                   highlight=lambda p: p.overridden, warn=lambda p: p.value is None,
                   sort=lambda p: -1.0 if p.value is None else float(p.value), align=RIGHT, width=20),
            Column("unit", "Unit", lambda p: f"{p.currency} per {p.unit}", width=24),
            *_published_and_source(),
        ]
        super().__init__(document, columns, effective_prices, self._commit_price,
                         context_of=lambda plan: plan.site, parent=parent)

    def _commit_price(self, row: int, price: Price, column: Column) -> None:
        set_override(self._document, price.id, price.value if price.overridden else None,
                     merge_key=f"price:{price.id}")


def _published_and_source() -> list[Column]:
    """The columns prices and limits share: the published figure and the page it comes from."""
    return [
        Column("published", "Published", _published, align=RIGHT, width=9,
               sort=lambda e: -1.0 if _published_value(e) is None else float(_published_value(e))),  # float ok: sort key
        Column("source", "Source", lambda e: e.source.title, tip=lambda e: e.source.url or e.source.title, width=30),
        Column("effective", "Effective", lambda e: e.source.effective_date or "n/a", width=10),
    ]


class LimitsModel(OverridesModel):
    """Limits of the plan's catalog (quotas, throughput, Dedicated KMS capacity), overridable as prices are."""

    noun = "limit"

    def __init__(self, document, parent=None):
        self._document = document
        columns = [
            Column("label", "Limit", lambda lim: lim.label, tip=lambda lim: f"{lim.id}: {lim.label}", width=40),
            Column("value", "Value", lambda lim: _exact(lim.value) if lim.value is not None else UNKNOWN_LIMIT,
                   value=lambda lim: "" if lim.value is None else _exact(lim.value),
                   edit=self._edit_value, editor=Editor("number"), tip=_limit_tip,
                   highlight=lambda lim: lim.overridden, warn=lambda lim: lim.value is None,
                   sort=lambda lim: -1.0 if lim.value is None else float(lim.value), align=RIGHT, width=22),
            Column("unit", "Unit", lambda lim: lim.unit, width=24),
            *_published_and_source(),
        ]
        super().__init__(document, columns, effective_limits, self._commit_limit,
                         context_of=lambda plan: plan.site, parent=parent)

    def _commit_limit(self, row: int, limit: Limit, column: Column) -> None:
        set_limit_override(self._document, limit.id, limit.value if limit.overridden else None,
                           merge_key=f"limit:{limit.id}")


def set_override(document, price_id: str, value: Decimal | None, merge_key: str | None = None) -> None:
    """Override one price (None removes the override) as one undoable step."""
    _set_plan_override(document, "price_overrides", "price", price_id, value, merge_key)


def set_limit_override(document, limit_id: str, value: Decimal | None, merge_key: str | None = None) -> None:
    """Override one limit (None removes the override) as one undoable step."""
    _set_plan_override(document, "limit_overrides", "limit", limit_id, value, merge_key)


def _set_plan_override(document, field: str, noun: str, key: str, value: Decimal | None,
                       merge_key: str | None) -> None:
    """Prices and limits are overridden alike: a mapping in the plan, one labelled undo step."""
    plan = document.plan
    overrides = dict(getattr(plan, field))
    if value is None:
        overrides.pop(key, None)
        label = f"Revert {noun}"
    else:
        overrides[key] = value
        label = f"Override {noun}"
    document.edit(plan.with_(**{field: overrides}), label, merge_key=merge_key)
