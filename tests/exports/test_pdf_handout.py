"""The PDF handout: A4, one or two pages, and what a meeting needs on it (inputs, chart, totals with
the cheapest marked, reasons, price sources with dates and overrides). Rendered with poppler when
it is installed, so the text and pages can be checked as a reader sees them."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from decimal import Decimal

import pytest

from core.compare import compare
from core.paths import samples_dir
from core.plan import KeyGroup
from core.planfile import load
from desktop.exports.pdf_handout import handout_html, handout_pdf, write_handout

SAAS_PLAN = load(samples_dir() / "growing-saas.kmsplan")
TODAY = dt.date(2027, 3, 4)


def poppler(tool: str) -> str:
    exe = shutil.which(tool)
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing: CI installs poppler-utils")
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return exe


def pdf_text(path) -> str:
    out = subprocess.run([poppler("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", out.stdout)


def pdf_raw_text(path) -> str:
    """The text in reading order, cell after cell (-layout interleaves the lines of wrapped cells)."""
    out = subprocess.run([poppler("pdftotext"), "-raw", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", out.stdout)


def test_handout_is_an_a4_pdf_of_two_pages_at_most(qapp, tmp_path):
    out = tmp_path / "handout.pdf"
    pages = write_handout(compare(SAAS_PLAN), out, app_version="9.8.7", today=TODAY)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and pages in (1, 2)
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) == pages
    info = subprocess.run([poppler("pdfinfo"), str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(rf"^Pages:\s+{pages}$", info, re.M)
    assert re.search(r"^Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)", info, re.M)
    assert os.listdir(tmp_path) == ["handout.pdf"]


def test_handout_says_what_the_meeting_needs(qapp, tmp_path):
    out = tmp_path / "handout.pdf"
    write_handout(compare(SAAS_PLAN), out, app_version="9.8.7", today=TODAY)
    text = pdf_text(out)
    assert "Growing SaaS with rotation (software keys)" in text
    assert "prepared 2027-03-04 with KMS Cost Planner 9.8.7" in text
    # inputs: settings and the key groups
    assert "2027-01 to 2029-12 (36 months)" in text and "tenant-data-keys" in text and "60,000,000" in text
    # the headline with its caveat, as core words it (the window and the workbook say the same)
    assert ("Cheapest fully priced: Software instance, 18,500.00 USD over 36 months. Not ranked: KMS 1.0 PAYG "
            "(ended 2025-09-30), Hardware instance (Cloud HSM cluster price not entered)") in text
    # summary: 18,500 = 500 USD a month x 36 months + ... as quoted; the cheapest is marked
    raw = pdf_raw_text(out)
    assert "Software key management instance (subscription) ★ 18,500.00 513.89 cheapest fully priced" in raw
    assert "≥ 66,563.00 ≥ 1,848.97 not ranked lower bound: Cloud HSM" in raw  # never a plain total
    # reasons, and where the prices come from, with their effective dates
    assert compare(SAAS_PLAN).reasons()[0] in text
    assert "Dedicated KMS instance 1799 instance-month Billing of Dedicated KMS 2023-09-04" in raw
    assert "No price is overridden" in text


def test_overridden_prices_are_shown_with_the_catalog_figure(qapp, tmp_path):
    plan = SAAS_PLAN.with_(price_overrides={"dedicated.month": Decimal("1500.50")})
    out = tmp_path / "handout.pdf"
    write_handout(compare(plan), out, today=TODAY)
    text = pdf_text(out)
    assert "1 price overridden by this plan: Dedicated KMS instance." in text
    assert "1500.5 (overridden; catalog 1799)" in pdf_raw_text(out)
    assert "2023-09-04" in text  # the Effective column keeps a date on one line
    html = handout_html(compare(plan), today=TODAY)
    assert '<b>1500.5</b> <span class="muted">(overridden; catalog 1799)</span>' in html


def test_every_sample_fits_on_two_pages(qapp):
    for path in sorted(samples_dir().glob("*.kmsplan")):
        _data, pages = handout_pdf(compare(load(path)), today=TODAY)
        assert pages in (1, 2), path.name


def test_a_plan_with_many_groups_is_summarised_to_stay_within_two_pages(qapp):
    groups = tuple(KeyGroup(name=f"group-{i:02}", count=i + 1, calls_per_month=Decimal(1000 * i)) for i in range(40))
    c = compare(SAAS_PLAN.with_(key_groups=groups))
    html = handout_html(c, today=TODAY)
    assert "group-13" in html and "group-14" not in html
    assert "and 26 more key groups" in html
    _data, pages = handout_pdf(c, today=TODAY)
    assert pages <= 2


def test_user_text_is_escaped(qapp):
    plan = SAAS_PLAN.with_(name="<b>Ops</b> & =SUM(1)", key_groups=(KeyGroup(name="<img src=x>", count=1),))
    html = handout_html(compare(plan), today=TODAY)
    assert "&lt;b&gt;Ops&lt;/b&gt; &amp; =SUM(1)" in html and "&lt;img src=x&gt;" in html
    assert "<b>Ops</b>" not in html


def test_pages_render_as_pictures(qapp, tmp_path):
    out = tmp_path / "handout.pdf"
    pages = write_handout(compare(SAAS_PLAN), out, today=TODAY)
    subprocess.run([poppler("pdftoppm"), "-r", "40", "-png", str(out), str(tmp_path / "page")], check=True)
    rendered = sorted(p.name for p in tmp_path.glob("page-*.png"))
    assert len(rendered) == pages
    from PySide6.QtGui import QImage

    image = QImage(str(tmp_path / rendered[0]))
    assert (image.width(), image.height()) == (331, 468)  # A4 at 40 dpi: 8.27 x 11.69 inches


def test_a_note_is_printed_under_the_title(qapp):
    html = handout_html(compare(SAAS_PLAN), today=TODAY, note="What-if applied (not saved in the plan): calls ×2")
    assert html.index("prepared 2027-03-04") < html.index("What-if applied (not saved in the plan): calls ×2") \
        < html.index("<h2>Inputs</h2>")


@pytest.mark.parametrize("name", ["growing-saas", "regulated-estate", "seed-example-1-disk-encryption"])
def test_every_section_is_printed_once_and_the_last_line_is_not_lost(qapp, tmp_path, name):
    out = tmp_path / "handout.pdf"
    pages = write_handout(compare(load(samples_dir() / f"{name}.kmsplan")), out, today=TODAY)
    text = pdf_text(out)
    for heading in ("Inputs", "Cost over time", "Summary", "Reasons and assumptions", "Prices and their sources"):
        assert text.count(heading) == 1, heading
    assert "Sources" in text.split("Prices and their sources")[1]
    assert text.rstrip().endswith(f"Page {pages} of {pages}")
    last = re.findall(r"<li>[^<]*: (https?://[^<]+)</li>", handout_html(compare(load(samples_dir() / f"{name}.kmsplan"))))[-1]
    assert text.count(last.rsplit("/", 1)[-1]) == 1  # the last source listed


def summary_cells(html: str) -> list[list[str]]:
    """The summary table's rows as the cells' text (tags dropped)."""
    table = html.split("<h2>Summary</h2>")[1].split("</table>")[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)[1:]
    return [[re.sub(r"<[^>]+>", "", c).replace("&#9733;", "★").replace("&#9632;", "").strip()
             for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]


def test_the_handout_marks_options_that_are_not_ranked(qapp):
    from core.headline import headline_parts

    c = compare(load(samples_dir() / "regulated-estate.kmsplan"))
    html = handout_html(c, today=TODAY)
    parts = headline_parts(c)
    assert f'<p class="headline">{parts.lead}</p>' in html  # "No option is fully priced and able to serve this plan."
    assert "Not ranked: KMS 1.0 PAYG (ended 2025-09-30)" in html and "To get a ranking, enter: " in html
    rows = {r[0].split(" (")[0]: r for r in summary_cells(html)}
    assert rows["KMS 1.0 pay-as-you-go"][1:] == ["1,640,676.61 (reference)", "27,344.61 (reference)", "not ranked",
                                                 "cannot serve: ended 2025-09-30"]
    assert rows["Hardware key management instance"][1:] == ["≥ 1,459,901.00", "≥ 24,331.68", "not ranked",
                                                            "lower bound: Cloud HSM cluster price not entered"] or \
        rows["Software key management instance"][1] == "n/a"
    for cells in rows.values():
        assert cells[3] == "not ranked" and "★" not in cells[0]
        assert cells[1] in ("n/a",) or cells[1].startswith("≥ ") or cells[1].endswith(" (reference)")


def test_the_inputs_use_the_apps_words_and_keep_cells_apart(qapp, tmp_path):
    html = handout_html(compare(SAAS_PLAN), today=TODAY)
    inputs = html.split("<h2>Inputs</h2>")[1].split("<h2>")[0]
    assert "SOFTWARE" not in inputs and "PendingDeletion" not in inputs
    assert ">Software<" in inputs and ">Pending deletion<" in inputs and ">User<" in inputs and ">4 %<" in inputs
    assert re.search(r"padding: \d+px \d+px", html)  # Qt's rich text ignores padding given in pt
    out = tmp_path / "handout.pdf"
    write_handout(compare(SAAS_PLAN), out, today=TODAY)
    text = pdf_raw_text(out)
    assert "tenant-data-keys User Software Aliyun_AES_256 60 1 90 days Enabled 60,000,000 4 %" in text
    assert "190 days" not in text


def test_prices_still_to_enter_and_limits_entered_are_listed(qapp):
    plan = load(samples_dir() / "regulated-estate.kmsplan")
    html = handout_html(compare(plan), today=TODAY)
    assert re.search(r"Cloud HSM cluster \(needed by a hardware instance and by each Dedicated KMS instance\)</td>"
                     r"<td[^>]*>not published</td>", html)  # what to enter to get a ranking, with its source
    assert "limits entered for this plan" not in html
    entered = plan.with_(limit_overrides={"dedicated_instance_key_quota": Decimal(10000),
                                          "dedicated_instance_qps": Decimal(20000)})
    html = handout_html(compare(entered), today=TODAY)
    assert "2 limits entered for this plan" in html
    assert "Dedicated KMS: QPS per instance (not published: enter your quote): <b>20000 QPS</b>" in html
    _data, pages = handout_pdf(compare(entered), today=TODAY)
    assert pages <= 2
