"""The bill-details CSV exported from the Expenses and Costs console, English or Chinese headers.

Only rows whose product code is `kms` are kept. Each billable item is sorted into what the
model prices (key hosting, API calls, instance, secrets) by its usage unit and name; an item
the app does not recognise stays "unmapped" until the user maps it. Amounts stay exact Decimals.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Mapping

from core.importers.errors import ImportRefused

MAX_ROWS = 1_000_000
MAX_BYTES = 50 * 1024 * 1024
CATEGORIES = ("hosting", "calls", "instance", "secrets")
CATEGORY_LABELS = {"hosting": "key hosting", "calls": "API calls", "instance": "instance",
                   "secrets": "secrets", "unmapped": "not recognised"}

# Column -> header spellings (compared without case, spaces, underscores or hyphens). English from
# the console's Bill Details page and the bill field reference; Chinese from the 明细账单 page.
COLUMNS: dict[str, tuple[str, ...]] = {
    "month": ("billing cycle", "billing month", "billingcycle", "billingmonth", "账期", "賬期", "账单月份"),
    "product": ("product code", "productcode", "code in the product name field", "产品代码", "产品code",
                "產品code", "產品代碼"),
    "item": ("billable item", "billing item", "billableitem", "billingitem", "billing item name",
             "计费项", "計費項", "計費項目", "计费项名称"),
    "usage": ("usage", "用量"),
    "unit": ("usage unit", "usageunit", "用量单位", "用量單位"),
    "amount": ("pretax amount", "pretaxamount", "amount payable", "应付金额", "應付金額"),
    "currency": ("currency", "币种", "幣種"),
}
REQUIRED = ("month", "product", "amount")


def _norm(header: str) -> str:
    return re.sub(r"[\s_\-]+", "", header.strip().strip('"').lower())


_LOOKUP = {_norm(alias): column for column, aliases in COLUMNS.items() for alias in aliases}


@dataclass(frozen=True)
class BillRow:
    month: str  # YYYY-MM
    item: str
    usage: Decimal | None
    unit: str
    amount: Decimal
    currency: str
    line: int  # the CSV line, for messages


@dataclass(frozen=True)
class Bill:
    source: str
    rows: tuple[BillRow, ...]  # KMS rows only
    other_rows: int  # rows of other products, ignored
    currency: str

    @property
    def months(self) -> tuple[str, ...]:
        return tuple(sorted({r.month for r in self.rows}))

    def billed(self, month: str) -> Decimal:
        return sum((r.amount for r in self.rows if r.month == month), Decimal(0))

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(sorted({r.item for r in self.rows}))


def _header_map(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, name in enumerate(header):
        column = _LOOKUP.get(_norm(name))
        if column and column not in found:
            found[column] = i
    return found


def looks_like_bill(text: str) -> bool:
    first = text.lstrip("\ufeff").splitlines()[:1]
    if not first:
        return False
    try:
        header = next(csv.reader(io.StringIO(first[0])))
    except (csv.Error, StopIteration):
        return False
    found = _header_map(header)
    return "product" in found and "amount" in found


def _month(text: str) -> str | None:
    m = re.match(r"^\s*(\d{4})\s*[-/.年]?\s*(\d{1,2})", text)
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None


def _decimal(text: str) -> Decimal | None:
    cleaned = text.strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    cleaned = re.sub(r"^[^\d\-+.]+", "", cleaned)  # a currency sign before the number
    if not cleaned or len(cleaned) > 40:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse_bill(text: str, source: str) -> Bill:
    """The KMS rows of a bill-details CSV; refuses with the file and column when it cannot be read."""
    if len(text) > MAX_BYTES:
        raise ImportRefused(source, "", f"is larger than {MAX_BYTES // 1024 // 1024} MB: export one product "
                                        f"(Key Management Service) or fewer months")
    text = text.lstrip("\ufeff")
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportRefused(source, "", "is empty: export the bill details as CSV") from None
    except csv.Error as exc:
        raise ImportRefused(source, "line 1", f"is not a CSV file ({exc})") from None
    found = _header_map(header)
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        need = {"month": "Billing Cycle / 账期", "product": "Product Code / 产品代码",
                "amount": "Pretax Amount / 应付金额"}
        shown = ", ".join(h.strip()[:30] for h in header[:8]) or "none"
        raise ImportRefused(source, "header", f"has no {' or '.join(need[c] for c in missing)} column "
                                              f"(its columns: {shown}); export the Bill Details as CSV")
    rows: list[BillRow] = []
    other = 0
    currencies: set[str] = set()
    try:
        for n, record in enumerate(reader, start=2):
            if n > MAX_ROWS:
                raise ImportRefused(source, "", f"has more than {MAX_ROWS:,} rows: export fewer months")
            if not any(cell.strip() for cell in record):
                continue

            def cell(column: str) -> str:
                i = found.get(column)
                return record[i].strip() if i is not None and i < len(record) else ""

            if cell("product").lower() != "kms":
                other += 1
                continue
            month = _month(cell("month"))
            if month is None:
                raise ImportRefused(source, f"line {n}, {header[found['month']].strip()}",
                                    f'must be a billing month such as "2026-03", got "{cell("month")[:30]}"')
            amount = _decimal(cell("amount"))
            if amount is None:
                raise ImportRefused(source, f"line {n}, {header[found['amount']].strip()}",
                                    f'must be an amount such as "12.34", got "{cell("amount")[:30]}"')
            usage_text = cell("usage")
            usage = _decimal(usage_text) if usage_text else None
            if usage_text and usage is None:
                raise ImportRefused(source, f"line {n}, {header[found['usage']].strip()}",
                                    f'must be a number, got "{usage_text[:30]}"')
            currency = cell("currency")
            if currency:
                currencies.add(currency.upper())
            rows.append(BillRow(month, cell("item")[:200] or "(no billable item)", usage, cell("unit")[:60],
                                amount, currency.upper(), n))
    except csv.Error as exc:
        raise ImportRefused(source, f"line {reader.line_num}", f"is not valid CSV ({exc})") from None
    if not rows:
        raise ImportRefused(source, "", f"has no rows with product code kms ({other:,} row{'s' * (other != 1)} of other products)")
    if len(currencies) > 1:
        raise ImportRefused(source, "Currency", f"mixes currencies ({', '.join(sorted(currencies))}): "
                                                f"export one account's bill at a time")
    return Bill(source, tuple(rows), other, next(iter(currencies)) if currencies else "")


# --- what each billable item is --------------------------------------------------------------

_CALL_UNITS = ("10,000", "10000", "万次", "萬次", "call", "request", "times", "次")
_DAY_WORDS = ("day", "天", "日")
_INSTANCE_WORDS = ("instance", "实例", "實例", "subscription", "包年包月")
_SECRET_WORDS = ("secret", "凭据", "憑據")
_KEY_WORDS = ("key", "version", "密钥", "密鑰", "个", "個")


def classify(item: str, unit: str) -> str:
    """hosting / calls / instance / secrets by the usage unit first, the item's name second."""
    u, name = unit.lower(), item.lower()
    if any(w in name for w in _SECRET_WORDS):
        return "secrets"
    if any(w in u for w in _CALL_UNITS) or "api" in name or "调用" in name or "請求" in name or "请求" in name:
        return "calls"
    if any(w in name for w in _INSTANCE_WORDS):
        return "instance"
    if any(w in u for w in _DAY_WORDS) and (any(w in u for w in _KEY_WORDS) or any(w in name for w in _KEY_WORDS)):
        return "hosting"
    if "hosting" in name or "托管" in name or "key version" in name or "密钥版本" in name:
        return "hosting"
    return "unmapped"


def calls_in(row: BillRow) -> Decimal | None:
    """The calls a call row's usage stands for: "10,000 calls" / 万次 units multiply by 10,000."""
    if row.usage is None:
        return None
    u = row.unit.lower()
    return row.usage * 10_000 if any(w in u for w in ("10,000", "10000", "万", "萬")) else row.usage


def categorise(bill: Bill, mapping: Mapping[str, str] | None = None) -> dict[str, str]:
    """Item -> category, the user's mapping winning over the app's guess."""
    mapping = dict(mapping or {})
    out: dict[str, str] = {}
    units: dict[str, str] = defaultdict(str)
    for r in bill.rows:
        units[r.item] = units[r.item] or r.unit
    for item in bill.items:
        choice = mapping.get(item)
        out[item] = choice if choice in CATEGORIES or choice == "unmapped" else classify(item, units[item])
    return out
