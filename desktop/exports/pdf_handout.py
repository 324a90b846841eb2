"""A one- or two-page A4 handout of a comparison, for a meeting: the plan's inputs, the chart, the
summary table, the reasons and assumptions, and where every price came from (with overrides).

Laid out as rich text (QTextDocument) and painted page by page into a QPdfWriter; the bytes are
written atomically. No dialogs here: desktop/export_menu.py and desktop/export_cli.py call it.
"""

from __future__ import annotations

import datetime as _dt
import os
from html import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from core import __version__
from core.catalog import option_styles
from core.compare import Comparison
from core.headline import headline_parts
from core.money import fmt_exact, fmt_money
from core.status import figure_text, status_label
from core.summary import summary_rows
from core.words import plural
from desktop.exports.chart_image import chart_image
from desktop.exports.target import ExportError, check_target, write_export

RESOLUTION = 300  # dpi of the PDF's layout units
MARGIN_MM = 14
FOOTER_PT = 7.5
MAX_GROUP_ROWS = 14  # more key groups than this are summarised in one line, to stay within 2 pages
CHART_URL = QUrl("handout://chart.png")
CHART_WIDTH = 2000  # px of the chart picture, drawn about 17 cm wide: large type to read on paper
CHART_OPTIONS = {"aspect": 0.48, "title": "", "font_scale": 1.7, "line_scale": 1.7}
# Around every cell's text (top/bottom, left/right) in CSS pixels of 1/96 inch (Qt's rich text
# ignores padding in pt): 0.3 mm and 1 mm, so "1" beside "90 days" never reads "190 days".
CELL_PADDING = (1, 4)
SUMMARY_WIDTHS = (31, 16, 14, 12, 27)  # % of the summary table per column
PRICE_WIDTHS = (30, 15, 16, 27, 12)  # % of the prices table per column ("2023-09-04" on one line)
GROUP_WIDTHS = (15, 8, 10, 13, 6, 9, 9, 12, 10, 8)  # % of the key groups table per column
API_REGION_WORDS = {"mainland": "Chinese mainland", "outside_mainland": "outside the Chinese mainland"}

def _css(pt: float) -> str:
    """The handout's style sheet for a base type size of `pt` points (shrunk to fit 2 pages)."""
    return f"""
body {{ font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; font-size: {pt}pt; color: #111; }}
h1 {{ font-size: {pt * 2:.1f}pt; margin: 0 0 2pt 0; }}
h2 {{ font-size: {pt * 1.3:.1f}pt; margin: {pt:.1f}pt 0 3pt 0; color: #1a3d6d; }}
p {{ margin: 0 0 3pt 0; }}
.sub {{ color: #444; }}
.headline {{ font-size: {pt * 1.3:.1f}pt; font-weight: bold; margin: 6pt 0 2pt 0; }}
.caveat {{ font-size: {pt * 1.05:.1f}pt; margin: 0 0 4pt 0; }}
table.grid {{ border-collapse: collapse; }}
table.grid td, table.grid th {{ border: 0.5px solid #bbbbbb; padding: {CELL_PADDING[0]}px {CELL_PADDING[1]}px; }}
table.grid th {{ background-color: #e9eef5; text-align: left; font-weight: bold; }}
td.num, th.num {{ text-align: right; }}
tr.best td {{ background-color: #e5f4ea; font-weight: bold; }}
td.muted, span.muted, p.muted {{ color: #666; }}
.small {{ font-size: {pt * 0.88:.1f}pt; }}
ul {{ margin-top: 0; margin-bottom: 2pt; }}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _rows(cells_per_row, header, numeric=(), widths=()) -> str:
    """A ruled table, its cells padded by the style sheet (CELL_PADDING); `widths` in % per column
    (Qt's automatic widths split "Aliyun_AES_256" as "Aliyun_AES_" / "256" to widen "Growth")."""
    head = "".join(f'<th class="{"num" if i in numeric else ""}"{f" width={widths[i]}%" if widths else ""}>'
                   f'{_e(h)}</th>' for i, h in enumerate(header))
    body = []
    for cls, cells in cells_per_row:
        tds = "".join(f'<td class="{"num" if i in numeric else ""}">{c}</td>' for i, c in enumerate(cells))
        body.append(f'<tr class="{cls}">{tds}</tr>')
    return f'<table class="grid" width="100%" cellspacing="0">\n<tr>{head}</tr>\n' + "\n".join(body) + "\n</table>"


def _settings(c: Comparison) -> str:
    p = c.plan
    pairs = [
        ("Site", c.catalog.title),
        ("API calls from", API_REGION_WORDS.get(p.api_region, p.api_region)),
        ("Horizon", f"{p.start_month} to {c.months[-1]} ({plural(len(c.months), 'month')})"),
        ("Peak-to-average QPS", fmt_exact(p.peak_to_average)),
        ("Secrets", f"{p.secrets:,}"),
        ("Currency", c.currency),
    ]
    cells = []
    for i in range(0, len(pairs), 2):
        row = []
        for label, value in pairs[i:i + 2]:
            row.append(f'<td class="muted">{_e(label)}</td><td><b>{_e(value)}</b></td>')
        cells.append("<tr>" + "".join(row) + "</tr>")
    return '<table width="100%" cellspacing="0" cellpadding="2">' + "".join(cells) + "</table>"


def _groups(c: Comparison) -> str:
    groups = c.plan.key_groups
    if not groups:
        return '<p class="muted">No key groups.</p>'
    from desktop.models.inventory_model import CREATOR_LABELS, PROTECTION_LABELS, STATE_LABELS

    rows = []
    for g in groups[:MAX_GROUP_ROWS]:  # the words and units of the app's inventory
        rows.append(("", [
            _e(g.name), _e(CREATOR_LABELS.get(g.creator, g.creator)),
            _e(PROTECTION_LABELS.get(g.protection, g.protection)), _e(g.spec), f"{g.count:,}", f"{g.versions:,}",
            _e(f"{g.rotation_days} days") if g.rotation_days else "none", _e(STATE_LABELS.get(g.state, g.state)),
            _e(fmt_money(g.calls_per_month, 0)), _e(f"{fmt_exact(g.calls_growth_pct)} %"),
        ]))
    table = _rows(rows, ("Key group", "Creator", "Protection", "Spec", "Keys", "Versions", "Rotation", "State",
                         "Calls / month", "Growth / month"), numeric=(4, 5, 6, 8, 9), widths=GROUP_WIDTHS)
    if len(groups) > MAX_GROUP_ROWS:
        table += f'<p class="small muted">… and {plural(len(groups) - MAX_GROUP_ROWS, "more key group")} ' \
                 f'(the workbook export lists every group).</p>'
    return table


def _status(option) -> str:
    """core's status label, and for an option that is not ranked the few words of why."""
    label = status_label(option.status)
    why = option.short_reason
    return label if option.available or why in ("", label) else f"{label}: {why}"


def _muted(text: str) -> str:
    return f'<span class="muted">{_e(text)}</span>'


def _summary(c: Comparison) -> str:
    """Every option with its figures; one that is not ranked is greyed, says why, and prints its
    figures as core.status.figure_text does (>= lower bound, (reference), n/a): never a plain total."""
    styles = option_styles()
    tied = len(c.tied_with_cheapest()) > 1
    rows = []
    for r in summary_rows(c):
        option = c.option(r.id)
        swatch = f'<span style="color:{styles[r.id].colour}; font-size: 11pt;">&#9632;</span> ' if r.id in styles else ""
        label = swatch + _e(r.label) + (" &#9733;" if r.cheapest else "")
        if not r.available:
            rows.append(("", [label, _muted(figure_text(option, r.total)), _muted(figure_text(option, r.average)),
                              _muted("not ranked"), _muted(_status(option))]))
            continue
        if r.cheapest:
            vs = "cheapest (tie)" if tied else "cheapest"
        elif r.difference is None:
            vs = ""
        else:
            vs = "tie" if r.difference == 0 else f"+{fmt_money(r.difference)}"
        rows.append(("best" if r.cheapest else "", [label, _e(figure_text(option, r.total)),
                                                    _e(figure_text(option, r.average)), _e(vs), _e(_status(option))]))
    return _rows(rows, ("Option", f"Total ({c.currency})", "Per month", "vs cheapest", "Status"), numeric=(1, 2, 3),
                 widths=SUMMARY_WIDTHS)


def _reasons(c: Comparison) -> str:
    items = [f"<li>{_e(r)}</li>" for r in c.reasons()]
    seen = set()
    notes = []
    for o in c.available:
        for note in o.notes:
            if note not in seen:
                seen.add(note)
                notes.append(f"<li>{_e(o.label)}: {_e(note)}</li>")
    out = "<ul>" + "".join(items) + "</ul>"
    if notes:
        out += '<p><b>Assumptions of the priced options</b></p><ul class="small">' + "".join(notes) + "</ul>"
    return out


def _prices(c: Comparison) -> str:
    """Every price the lines use, then those still to enter (an option that needs one is not
    ranked until it is), with sources; then the limits this plan overrides."""
    used: list[str] = []
    for o in c.options:
        for line in o.lines:
            for pid in line.price_ids:
                if pid not in used:
                    used.append(pid)
    used += [pid for pid in c.to_enter() if pid in c.catalog.prices and pid not in used]
    rows = []
    sources = {}
    for pid in used:
        try:
            price = c.catalog.price(pid)
        except KeyError:
            continue
        sources.setdefault(price.source.key, price.source)
        value = "not published" if price.value is None else fmt_exact(price.value)
        if price.overridden:
            catalog = "not published" if price.catalog_value is None else fmt_exact(price.catalog_value)
            value = f"<b>{_e(value)}</b> <span class=\"muted\">(overridden; catalog {_e(catalog)})</span>"
        else:
            value = _e(value)
        rows.append(("", [_e(price.label), value, _e(price.unit), _e(price.source.title),
                          _e(price.source.effective_date or "n/a")]))
    overridden = [p for p in c.catalog.prices.values() if p.overridden]
    if overridden:
        head = (f"<p><b>{plural(len(overridden), 'price')} overridden by this plan:</b> "
                + ", ".join(_e(p.label) for p in overridden) + ".</p>")
    else:
        head = "<p>No price is overridden: every price below is the published catalog's.</p>"
    table = _rows(rows, ("Price", f"Value ({c.currency})", "Unit", "Source", "Effective"), widths=PRICE_WIDTHS)
    links = "".join(
        f"<li>{_e(s.title)}{' (effective ' + _e(s.effective_date) + ')' if s.effective_date else ''}"
        f"{': ' + _e(s.url) if s.url else ''}</li>"
        for s in sources.values()
    )
    return head + table + _limits(c) + f'<p class="small"><b>Sources</b></p><ul class="small">{links}</ul>'


def _limits(c: Comparison) -> str:
    """The limits this plan overrides (a raised quota, Dedicated KMS capacity from a quote)."""
    entered = [limit for limit in c.catalog.limit_entries.values() if limit.overridden]
    if not entered:
        return ""

    def figure(value) -> str:
        return "not published" if value is None else fmt_exact(value)

    items = "".join(f"<li>{_e(limit.label)}: <b>{_e(figure(limit.value))} {_e(limit.unit)}</b> "
                    f'<span class="muted">(catalog: {_e(figure(limit.catalog_value))})</span></li>'
                    for limit in entered)
    return (f"<p><b>{plural(len(entered), 'limit')} entered for this plan</b> (the options are sized and checked "
            f"against them):</p><ul>{items}</ul>")


def handout_html(c: Comparison, *, app_version: str | None = None, today: _dt.date | None = None,
                 chart_width_px: float = 640, font_pt: float = 8.5, note: str | None = None) -> str:
    """The handout as rich text; the chart is the resource CHART_URL, `chart_width_px` wide in
    96-dpi pixels (Qt scales images by the page's dpi)."""
    today = today or _dt.date.today()
    version = app_version or __version__
    parts = headline_parts(c)
    caveat = parts.text[len(parts.lead):].strip()
    return f"""<html><head><style>{_css(font_pt)}</style></head><body>
<h1>{_e(c.plan.name or 'Untitled plan')}</h1>
<p class="sub">KMS cost comparison · {_e(c.catalog.title)} · {_e(c.months[0])} to {_e(c.months[-1])}
 ({plural(len(c.months), 'month')}) · prepared {today.isoformat()} with KMS Cost Planner {_e(version)}</p>
{f'<p class="headline" style="color:#8a5a00;">{_e(note)}</p>' if note else ''}
<p class="headline">{_e(parts.lead)}</p>
{f'<p class="caveat">{_e(caveat)}</p>' if caveat else ''}
<h2>Inputs</h2>
{_settings(c)}
<p></p>
<div class="small">{_groups(c)}</div>
<h2>Cost over time</h2>
<p align="center"><img src="{CHART_URL.toString()}" width="{chart_width_px:.0f}"></p>
<h2>Summary</h2>
{_summary(c)}
<h2>Reasons and assumptions</h2>
{_reasons(c)}
<h2>Prices and their sources</h2>
{_prices(c)}
</body></html>"""


FIT_STEPS = ((8.5, 1.0), (8.0, 0.9), (7.5, 0.8), (7.0, 0.72), (6.5, 0.65))


def _layout(c: Comparison, image, version: str, today: _dt.date, width: float, body_h: float, writer,
            font_pt: float, chart_share: float, note: str | None) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDocumentMargin(0)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(font_pt)
    doc.setDefaultFont(font)
    doc.setPageSize(QSizeF(width, body_h))
    doc.addResource(QTextDocument.ImageResource, CHART_URL, image)
    chart_px = width / RESOLUTION * 96 * chart_share * 0.98  # Qt scales <img width> by dpi / 96
    html = handout_html(c, app_version=version, today=today, chart_width_px=chart_px, font_pt=font_pt, note=note)
    doc.setHtml(html)
    breaks = _headings_at_page_end(doc, body_h)
    if breaks:  # rich text has no keep-with-next: start those sections on the next page instead
        for heading in breaks:
            html = html.replace(f"<h2>{heading}</h2>", f'<h2 style="page-break-before: always;">{heading}</h2>')
        doc.setHtml(html)
    doc.documentLayout().blockBoundingRect(doc.lastBlock())  # lay out to the end before counting pages
    return doc


HEADINGS = ("Inputs", "Cost over time", "Summary", "Reasons and assumptions", "Prices and their sources")


def _headings_at_page_end(doc: QTextDocument, page_h: float) -> list[str]:
    """The section headings that fall in the last tenth of a page (their section would start alone)."""
    layout = doc.documentLayout()
    found = []
    block = doc.begin()
    while block.isValid():
        if block.text() in HEADINGS and layout.blockBoundingRect(block).top() % page_h > page_h * 0.9:
            found.append(block.text())
        block = block.next()
    return found


def handout_pdf(c: Comparison, *, app_version: str | None = None, today: _dt.date | None = None,
                note: str | None = None) -> tuple[bytes, int]:
    """The handout as PDF bytes and its page count; `note` is printed under the title (a what-if)."""
    today = today or _dt.date.today()
    version = app_version or __version__
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(f"{c.plan.name}: KMS cost comparison")
    writer.setCreator(f"KMS Cost Planner {version}")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Millimeter))
    width, height = writer.width(), writer.height()  # the printable area, in device pixels
    footer_h = FOOTER_PT / 72 * RESOLUTION * 2.2
    body_h = height - footer_h

    image = chart_image(c, CHART_WIDTH, **CHART_OPTIONS)
    for font_pt, chart_share in FIT_STEPS:  # shrink type and chart until it fits two pages
        doc = _layout(c, image, version, today, width, body_h, writer, font_pt, chart_share, note)
        pages = doc.pageCount()
        if pages <= 2:
            break

    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("Could not start the PDF.")
    try:
        foot_font = QFont("DejaVu Sans")
        foot_font.setPointSizeF(FOOTER_PT)
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * body_h)
            doc.drawContents(painter, QRectF(0, page * body_h, width, body_h - 1))  # not the next page's first line
            painter.restore()
            painter.setFont(foot_font)
            painter.setPen(Qt.darkGray)
            footer = QRectF(0, height - footer_h * 0.6, width, footer_h * 0.6)
            painter.drawText(footer, Qt.AlignLeft | Qt.AlignVCenter,
                             f"{c.plan.name} · KMS Cost Planner {version} · {today.isoformat()}")
            painter.drawText(footer, Qt.AlignRight | Qt.AlignVCenter, f"Page {page + 1} of {pages}")
    finally:
        painter.end()
    buffer.close()
    return bytes(data), pages


def write_handout(comparison: Comparison, path: str | os.PathLike, *, app_version: str | None = None,
                  today: _dt.date | None = None, note: str | None = None) -> int:
    """Write the handout PDF atomically and return its page count; ExportError if it cannot."""
    check_target(path)
    data, pages = handout_pdf(comparison, app_version=app_version, today=today, note=note)
    write_export(path, data)
    return pages
