"""Every catalog price as a table row; the Value column overrides it (saved in plan.price_overrides).

The rows are the effective prices core computes (published figure, or the plan's override); a
typed price is checked by core's plan-file rule for overrides, so the message matches the loader's.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt

from core.catalog import Price, load_catalog
from core.money import fmt_exact
from core.planfile import PlanError, parse_overrides
from desktop.models.table_model import Column, Editor, TableModel

RIGHT = Qt.AlignRight | Qt.AlignVCenter
UNKNOWN = "unknown: enter a price"


def effective_prices(plan) -> tuple[Price, ...]:
    """The catalog's prices in file order, with the plan's overrides applied (by core)."""
    return tuple(load_catalog(plan.site).with_overrides(plan.price_overrides).prices.values())


def _value_text(price: Price) -> str:
    return fmt_exact(price.value) if price.value is not None else UNKNOWN


def _published(price: Price) -> str:
    value = price.catalog_value if price.overridden else price.value
    return fmt_exact(value) if value is not None else "not published"


def _value_tip(price: Price) -> str:
    if price.overridden:
        return f"Your price. Published: {_published(price)} {price.currency}. Revert to use the published figure."
    if price.value is None:
        return "The vendor does not publish this price: enter the figure from the buy page."
    return "Published price; type a figure to override it for this plan."


class PricesModel(TableModel):
    """Prices of the plan's catalog; editing Value adds, changes or (when cleared) removes an override."""

    def __init__(self, document, parent=None):
        self._document = document
        columns = [
            Column("label", "Price", lambda p: p.label, tip=lambda p: p.id, width=40),
            Column("value", "Value", _value_text, value=lambda p: "" if p.value is None else fmt_exact(p.value),
                   edit=self._edit_value, editor=Editor("text"), tip=_value_tip,
                   highlight=lambda p: p.overridden, warn=lambda p: p.value is None,
                   sort=lambda p: -1.0 if p.value is None else float(p.value), align=RIGHT, width=10),
            Column("unit", "Unit", lambda p: f"{p.currency} per {p.unit}", width=24),
            Column("published", "Published", _published, align=RIGHT, width=9,
                   sort=lambda p: -1.0 if (p.catalog_value if p.overridden else p.value) is None
                   else float(p.catalog_value if p.overridden else p.value)),
            Column("source", "Source", lambda p: p.source.title, tip=lambda p: p.source.url or p.source.title,
                   width=30),
            Column("effective", "Effective", lambda p: p.source.effective_date or "n/a", width=10),
        ]
        super().__init__(document, columns, effective_prices, self._commit_price,
                         context_of=lambda plan: plan.site, parent=parent)

    def _edit_value(self, price: Price, value) -> Price:
        text = "" if value is None else str(value).strip()
        if text == "":
            return self._reverted(price)
        catalog = load_catalog(self._document.plan.site)
        try:
            number = parse_overrides({price.id: text.replace(",", "")}, catalog)[price.id]
        except PlanError as exc:
            raise ValueError(exc.problem) from None
        return replace(price, value=number, overridden=True, catalog_value=price.catalog_value if price.overridden else price.value)

    @staticmethod
    def _reverted(price: Price) -> Price:
        if not price.overridden:
            return price
        return replace(price, value=price.catalog_value, overridden=False, catalog_value=None)

    def _commit_price(self, row: int, price: Price, column: Column) -> None:
        set_override(self._document, price.id, price.value if price.overridden else None,
                     merge_key=f"price:{price.id}")

    def revert(self, rows) -> None:
        """Back to the published figures for these rows, as one undoable step."""
        ids = [self.row(r).id for r in rows if self.row(r).overridden]
        if not ids:
            return
        plan = self._document.plan
        overrides = {k: v for k, v in plan.price_overrides.items() if k not in ids}
        label = "Revert price" if len(ids) == 1 else f"Revert {len(ids)} prices"
        self._document.edit(plan.with_(price_overrides=overrides), label)


def set_override(document, price_id: str, value: Decimal | None, merge_key: str | None = None) -> None:
    """Override one price (None removes the override) as one undoable step."""
    plan = document.plan
    overrides = dict(plan.price_overrides)
    if value is None:
        overrides.pop(price_id, None)
        label = "Revert price"
    else:
        overrides[price_id] = value
        label = "Override price"
    document.edit(plan.with_(price_overrides=overrides), label, merge_key=merge_key)
