"""Where things live in the exported workbook, so each sheet's formulas can point at the others."""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import quote_sheetname

INPUTS = "Inputs"
KEY_GROUPS = "Key groups"
PRICES = "Prices"
DAYS = "Days"
DEMAND = "Demand"
COMPARISON = "Comparison"
CHART = "Chart"


@dataclass
class Refs:
    # Inputs: one absolute reference per setting ("start", "region", "peak", "secrets", ...)
    settings: dict[str, str] = field(default_factory=dict)
    # Key groups table: data rows and the column letter of each field / helper
    group_first: int = 0
    group_last: int = 0
    group_cols: dict[str, str] = field(default_factory=dict)
    # Prices: price id -> value cell; limit name -> cell; QPS levels range; spec table ranges
    prices: dict[str, str] = field(default_factory=dict)
    price_rows: dict[str, int] = field(default_factory=dict)
    limits: dict[str, str] = field(default_factory=dict)
    levels: str = ""
    lifecycle: dict[str, str] = field(default_factory=dict)  # lifecycle date id -> cell
    spec_names: str = ""
    spec_classes: str = ""
    spec_families: str = ""
    # Days and Demand: data rows and column letters
    day_first: int = 0
    day_last: int = 0
    day_cols: dict[str, str] = field(default_factory=dict)
    month_first: int = 0
    month_last: int = 0
    demand_cols: dict[str, str] = field(default_factory=dict)
    # Option sheets: id -> (sheet title, total column letter, status label cell, severity-per-month
    # column letter, overall severity cell)
    option_sheets: dict[str, tuple[str, str, str, str, str]] = field(default_factory=dict)

    def group(self, name: str) -> str:
        """The key-group column `name` over every table row (spare rows included)."""
        letter = self.group_cols[name]
        return f"{quote_sheetname(KEY_GROUPS)}!${letter}${self.group_first}:${letter}${self.group_last}"

    def day(self, name: str) -> str:
        letter = self.day_cols[name]
        return f"{DAYS}!${letter}${self.day_first}:${letter}${self.day_last}"

    def demand(self, name: str, row: int) -> str:
        return f"{DEMAND}!${self.demand_cols[name]}{row}"
