"""Plans that exercise every workbook rule, and a LibreOffice recalculation helper (shared by the xlsx tests)."""

from __future__ import annotations

import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from core import planfile
from core.paths import samples_dir
from core.plan import KeyGroup, Plan

D = Decimal


def sample_plans() -> dict[str, Plan]:
    return {p.stem: planfile.load(p) for p in sorted(samples_dir().glob("*.kmsplan"))}


def edge_plans() -> dict[str, Plan]:
    """Plans beyond the samples: overrides, secrets, mainland, states, service keys, add-on route."""
    samples = sample_plans()
    saas = samples["growing-saas"]
    estate = samples["regulated-estate"]
    addon_prices = {"instance-software.key-quota": D("0.1"), "instance-software.qps": D("0.25"),
                    "instance-hardware.key-quota": D("0.2"), "instance-hardware.qps": D("0.5")}
    return {
        # one instance at first, then the add-on route as rotation and calls outgrow it
        "addon-route": Plan(
            name="Add-on route", start_month="2027-11", months=30, peak_to_average=D(3),
            key_groups=(
                KeyGroup(name="app-keys", count=500, rotation_days=60, calls_per_month=D(700_000_000),
                         calls_growth_pct=D("3.5")),
                KeyGroup(name="batch", count=300, calls_per_month=D("12345.678")),
            ),
            price_overrides=addon_prices),
        # beyond what one instance can be configured to hold: whole instances only
        "beyond-addons": Plan(
            name="Beyond add-ons", start_month="2027-06", months=3,
            key_groups=(KeyGroup(name="many", count=101_000, calls_per_month=D(20_000_000_000)),),
            price_overrides=addon_prices),
        # priced where the add-on route is dearer than whole instances, plus a cluster price
        "addon-dear": Plan(
            name="Add-ons dearer", start_month="2028-02", months=14,
            key_groups=(KeyGroup(name="hsm", protection="HSM", count=2500, calls_per_month=D(9_000_000_000)),),
            price_overrides={"instance-hardware.key-quota": D(3), "instance-hardware.qps": D(2),
                             "cloud-hsm.cluster.month": D("850.5")}),
        # secrets everywhere, with the unpublished secret prices entered
        "secrets": saas.with_(name="Secrets", secrets=1200, price_overrides={
            "payg-legacy.secret.month": D("0.4"), "instance-software.secret-quota": D("0.05"),
            "instance-hardware.secret-quota": D("0.06")}),
        # more secrets than one instance's largest secret quota: more whole instances
        "many-secrets": saas.with_(name="Many secrets", months=5, secrets=250_000, price_overrides={
            **addon_prices, "instance-software.secret-quota": D("0.001"), "instance-hardware.secret-quota": D("0.002"),
            "payg-legacy.secret.month": D("0.04")}),
        # secrets with no prices: options unavailable, totals count the known parts
        "secrets-unpriced": saas.with_(name="Secrets unpriced", secrets=10, months=6),
        # the estate on the international site, prices overridden and the HSM instance priced
        "estate-overrides": estate.with_(site="international", months=120, price_overrides={
            "payg-legacy.hosting.hsm-advanced.first-2000": D("0.09"),
            "payg-legacy.api.advanced.mainland": D("0.3"), "dedicated.month": D(2000),
            "instance-hardware.month": D(1900), "cloud-hsm.cluster.month": D(1200),
            "instance-hardware.key-quota": D("0.01"), "instance-hardware.qps": D("0.4")}),
        # Dedicated KMS sized by entered capacity, one HSM cluster per instance (issue 8)
        "dedicated-sized": estate.with_(name="Dedicated sized", months=24, limit_overrides={
            "dedicated_instance_key_quota": D(5000), "dedicated_instance_qps": D(2000)},
            price_overrides={"cloud-hsm.cluster.month": D("1234.5")}),
        # two fully priced options with the same total: a tie is a tie, never "0.00 less"
        "tie": Plan(name="Tie", start_month="2027-05", months=1,
                    key_groups=(KeyGroup(name="k", count=10, calls_per_month=D(1000)),),
                    price_overrides={"instance-software.month": D(31), "payg-instance-software.day": D(1),
                                     "payg-instance.key-version.day": D(0), "payg-instance.qps.day": D(0)}),
        "saas-mainland": saas.with_(name="SaaS mainland", api_region="mainland", start_month="2028-02",
                                    peak_to_average=D("2.5")),
        # service-managed keys only: no instance needed anywhere; negative growth; all states
        "service-only": Plan(
            name="=SUM(1,2) service keys", start_month="2027-03", months=13,
            key_groups=(
                KeyGroup(name="=cloud-default", creator="service", count=40, rotation_days=7,
                         calls_per_month=D(5_000_000), calls_growth_pct=D(-2)),
                KeyGroup(name="gone", count=9, state="PendingDeletion", calls_per_month=D(100)),
            )),
        "states": Plan(
            name="States", start_month="2027-12", months=4, api_region="mainland",
            key_groups=(
                KeyGroup(name="on", protection="HSM", spec="RSA_2048", count=3, versions=4, rotation_days=30,
                         calls_per_month=D(1000)),
                KeyGroup(name="off", protection="HSM", spec="EC_P256K", count=2, state="Disabled"),
                KeyGroup(name="deleting", protection="HSM", spec="RSA_3072", count=5, state="PendingDeletion",
                         calls_per_month=D(10**6)),
                KeyGroup(name="none", count=0, calls_per_month=D(99)),
            )),
        # exactly 1,000 QPS peak in a 30-day month: 864,000,000 calls x 3 / (30 x 86,400)
        "qps-boundary": Plan(
            name="QPS boundary", start_month="2027-04", months=1,
            key_groups=(KeyGroup(name="k", count=1, calls_per_month=D(864_000_000)),)),
        "empty": Plan(name="Empty", start_month="2027-01", months=2),
        # secrets and no keys: an instance is still needed for the secrets
        "secrets-only": Plan(name="Secrets only", start_month="2028-12", months=3, secrets=7, price_overrides={
            "payg-legacy.secret.month": D("0.4"), "instance-software.secret-quota": D("0.05")}),
    }


def all_plans() -> dict[str, Plan]:
    return {**sample_plans(), **edge_plans()}


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def recalculate(files: list[Path], out_dir: Path, profile: Path) -> dict[Path, Path]:
    """Open and re-save each workbook with LibreOffice headless (one process for all of them)."""
    exe = soffice()
    if exe is None:
        if in_ci():
            pytest.fail("LibreOffice (soffice) is not installed; CI must install libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is not installed: the workbook's formulas cannot be recalculated")
    out_dir.mkdir(parents=True, exist_ok=True)
    command = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "xlsx", "--outdir", str(out_dir), *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    outputs = {f: out_dir / f.name for f in files}
    missing = [str(f) for f, out in outputs.items() if not out.exists()]
    assert not missing, f"soffice did not convert {missing}: {result.stdout} {result.stderr}"
    return outputs


INSERT_ROW_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub InsertRow(source As String, target As String, rowText As String, values As String)
  rowIndex = CLng(rowText)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, args())
  sheet = doc.Sheets.getByName(&quot;Key groups&quot;)
  sheet.unprotect(&quot;&quot;)
  sheet.Rows.insertByIndex(rowIndex, 1)
  If values &lt;&gt; &quot;&quot; Then
    parts = Split(values, &quot;|&quot;)
    For i = 0 To UBound(parts)
      cell = sheet.getCellByPosition(i, rowIndex)
      If parts(i) = &quot;&quot; Then
      ElseIf IsNumeric(parts(i)) Then
        cell.Value = CDbl(parts(i))
      Else
        cell.String = parts(i)
      End If
    Next i
  End If
  doc.calculateAll()
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;Calc MS Excel 2007 XML&quot;
  doc.storeToURL(ConvertToURL(target), out())
  doc.close(True)
End Sub
</script:module>
"""


def insert_row_with_libreoffice(source: Path, target: Path, row: int, values: list, profile: Path) -> Path:
    """What a user does in Calc: unprotect Key groups, insert a row above sheet row `row` (1-based)
    and type `values` into it; then recalculate and save as xlsx (a Basic macro in a fresh profile)."""
    exe = soffice()
    if exe is None:
        if in_ci():
            pytest.fail("LibreOffice (soffice) is not installed; CI must install libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is not installed")
    env = f"-env:UserInstallation={profile.as_uri()}"
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    if not module.exists():
        subprocess.run([exe, env, "--headless", "--norestore", "--terminate_after_init"], capture_output=True,
                       timeout=300)
    assert module.exists(), "LibreOffice did not create its user profile"
    module.write_text(INSERT_ROW_MACRO, encoding="utf-8")
    text = "|".join("" if v is None else str(v) for v in values)
    subprocess.run([exe, env, "--headless", "--norestore",
                    f'macro:///Standard.Module1.InsertRow("{source}","{target}","{row - 1}","{text}")'],
                   capture_output=True, timeout=300)
    assert target.exists(), "LibreOffice did not insert the row"
    return target
