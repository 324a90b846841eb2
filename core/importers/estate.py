"""One import over any mix of files: KMS API responses, Terraform plans, key-group CSVs.

`import_paths` (files and folders) and `import_sources` (already-read text, for tests and the
GUI) return an ImportResult; malformed input raises ImportRefused naming the file and field.
`to_plan` and `merge_into` turn the result into a plan (a new one, or added to / replacing an
existing inventory).
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from dataclasses import replace
from typing import Iterable

from core.catalog import load_catalog
from core.importers.errors import ImportRefused, plain
from core.importers.fields import Reader
from core.importers.inventory import (CALLS_NOTE, Findings, ImportResult, api_region, group_keys)
from core.importers import kms_api, terraform
from core.importers.sources import Source, looks_like_json, parse_json, read_sources
from core.plan import KeyGroup, Plan
from core.planfile import MAX_NOTES

MAX_RESPONSES_PER_FILE = 100_000
IMPORT_NOTES_HEADER = "Imported estate"


def import_paths(paths: Iterable[str | os.PathLike], site: str = "international") -> ImportResult:
    return import_sources(read_sources(paths), site)


def _read_json(source: Source, findings: Findings) -> None:
    obj = parse_json(source.text, source.name)
    reader = Reader(source.name)
    if terraform.is_plan(obj):
        terraform.read_plan(reader, obj, findings)
        findings.recognised.append((source.name, "Terraform plan"))
        return
    responses = obj if isinstance(obj, list) else [obj]
    if len(responses) > MAX_RESPONSES_PER_FILE:
        raise ImportRefused(source.name, "", f"holds {len(responses):,} responses; at most "
                                             f"{MAX_RESPONSES_PER_FILE:,} a file are read")
    if isinstance(obj, list) and not obj:
        findings.skipped.append((source.name, "an empty JSON list"))
        return
    for i, response in enumerate(responses):
        path = f"[{i}]" if isinstance(obj, list) else ""
        shown = f"{source.name}{path}"
        if terraform.is_plan(response):
            terraform.read_plan(reader, response, findings)
            findings.recognised.append((shown, "Terraform plan"))
            continue
        kind = kms_api.read_response(reader, response, path, findings) if isinstance(response, dict) else None
        if kind is None:
            fields = ", ".join(list(response)[:6]) if isinstance(response, dict) else type(response).__name__
            findings.skipped.append((shown, f"not a KMS API response or Terraform plan this app reads "
                                            f"(its fields: {fields or 'none'})"))
        else:
            findings.recognised.append((shown, kind))


def _read_csv(source: Source, findings: Findings, site: str) -> list[KeyGroup]:
    from core.importers.bill import looks_like_bill

    if looks_like_bill(source.text):
        findings.skipped.append((source.name, "a bill-details CSV: reconcile the plan with it instead "
                                              "(kms-planner reconcile PLAN BILL.csv, or File > Reconcile with bill...)"))
        return []
    try:
        from core.group_rows import parse_group_rows
    except ImportError:
        findings.skipped.append((source.name, "a CSV of key groups cannot be read by this build "
                                              "(core.group_rows is missing)"))
        return []
    text = source.text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        rows = parse_group_rows(text, site=site)
    except ValueError as exc:  # csv.Error is not one; caught below
        findings.skipped.append((source.name, f"not a readable CSV of key groups ({exc})"))
        return []
    except csv.Error as exc:
        findings.skipped.append((source.name, f"not a readable CSV ({exc})"))
        return []
    for refusal in rows.refusals:
        findings.skipped.append((source.name, refusal))
    if rows.groups:
        findings.recognised.append((source.name, "key-group CSV"))
    elif not rows.refusals:
        findings.skipped.append((source.name, "neither JSON nor a CSV of key groups"))
    return list(rows.groups)


def import_sources(sources: list[Source], site: str = "international") -> ImportResult:
    findings = Findings()
    csv_groups: list[KeyGroup] = []
    if not sources:
        raise ImportRefused("import", "", "name at least one file or folder")
    for source in sources:
        if not source.text.strip():
            findings.skipped.append((source.name, "an empty file"))
        elif looks_like_json(source.text):
            _read_json(source, findings)
        else:
            csv_groups.extend(_read_csv(source, findings, site))
    return assemble(findings, site, csv_groups)


def assemble(findings: Findings, site: str = "international", extra_groups: list[KeyGroup] | None = None) -> ImportResult:
    specs = set(load_catalog(site).specs)
    notes = list(findings.notes)
    skipped = list(findings.skipped)
    records = list(findings.keys.values())
    described = set(findings.keys) | findings.described
    undescribed = [k for k in findings.listed_keys if k not in described]
    if undescribed:
        skipped.append(("ListKeys", f"{len(undescribed):,} listed key{'s' * (len(undescribed) != 1)} without a "
                                    f"DescribeKey response (spec and protection unknown), e.g. {plain(undescribed[0])}: "
                                    f"save `aliyun kms DescribeKey --KeyId ...` for each"))
    listed = len(set(findings.listed_keys) | described)
    if findings.listed_total > listed:
        notes.append(f"ListKeys reports {findings.listed_total:,} keys in all but only {listed:,} appear in these "
                     f"files: save every page (--PageNumber) to import the rest.")
    groups = group_keys(records, specs, findings.versions, notes, skipped)
    keys = sum(g.count for g in groups)
    if extra_groups:
        groups = groups + tuple(extra_groups)
    secrets = max(len(findings.secrets), findings.secret_total)
    if findings.secret_total > len(findings.secrets):
        notes.append(f"ListSecrets reports {findings.secret_total:,} secrets; {len(findings.secrets):,} are listed "
                     f"in these files (other pages not saved): counted {findings.secret_total:,}.")
    regions = [r.region or findings.terraform_region for r in records]
    regions = [r for r in regions if r]
    if not regions:
        regions = [r for r in findings.secret_regions + [i.region for i in findings.instances.values()] if r]
    region = api_region(regions, notes)
    in_instances = [r for r in records if r.instance_id]
    if in_instances:
        notes.append(f"{len(in_instances):,} key{'s live' if len(in_instances) != 1 else ' lives'} in KMS 3.0 "
                     f"instances (DKMSInstanceId): their hosting is part of the instance's fee.")
    per_instance = Counter(r.instance_id for r in in_instances)
    instances = tuple(replace(findings.instances[k], keys_imported=per_instance.get(k, 0))
                      for k in sorted(findings.instances))
    if not findings.recognised and not extra_groups:
        why = "; ".join(f"{s}: {w}" for s, w in skipped[:3]) or "no file held anything to import"
        raise ImportRefused("import", "", f"nothing recognised to import ({why})")
    if groups or secrets:
        notes.append(CALLS_NOTE)
    return ImportResult(
        groups=groups, secrets=secrets, api_region=region, instances=instances,
        recognised=tuple(findings.recognised), skipped=tuple(skipped), notes=tuple(notes), keys=keys,
    )


def _notes_text(result: ImportResult) -> str:
    text = IMPORT_NOTES_HEADER + ":\n" + "\n".join([i.sentence() for i in result.instances] + list(result.notes))
    return text[:MAX_NOTES // 2]


def to_plan(result: ImportResult, site: str = "international", name: str = "Imported estate",
            base: Plan | None = None) -> Plan:
    """A plan holding the imported inventory (on `base`'s settings when given)."""
    plan = base or Plan(name=name, site=site)
    return merge_into(plan.with_(name=name, site=site) if base is None else plan, result, replace=True)


def merge_into(plan: Plan, result: ImportResult, replace: bool) -> Plan:
    """The plan with the import's groups replacing its inventory, or added after it."""
    groups = result.groups if replace else plan.key_groups + result.groups
    secrets = result.secrets if replace else plan.secrets + result.secrets
    changes: dict = {"key_groups": groups, "secrets": secrets}
    if result.api_region and (replace or not plan.key_groups):  # adding keeps the plan's own region
        changes["api_region"] = result.api_region
    extensions = dict(plan.extensions)
    old = extensions.get("notes")
    text = _notes_text(result)
    if not isinstance(old, str) or not old or (replace and old.startswith(IMPORT_NOTES_HEADER)):
        extensions["notes"] = text
    else:
        extensions["notes"] = (old + "\n\n" + text)[:MAX_NOTES]
    changes["extensions"] = extensions
    return plan.with_(**changes)
