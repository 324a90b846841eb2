"""The data files' JSON twins (core.toml_twin): fresh, the same catalogs, and never used once stale."""

from __future__ import annotations

import json
import shutil
import tomllib
import zlib
from pathlib import Path

import pytest

from core import catalog, toml_twin
from core.catalog import SITES, load_catalog, option_styles
from core.toml_twin import data_files, load_toml, twin_path, twin_text


def _same(a, b) -> bool:
    """Equal values of the very same types all the way down (1 == 1.0 == True for ==)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    return a == b


@pytest.mark.parametrize("path", data_files(), ids=lambda p: p.name)
def test_every_twin_is_fresh(path: Path):
    """Run `python -m core.toml_twin` after editing a data file."""
    twin = twin_path(path)
    assert twin.is_file(), f"{twin.name} is missing: run python -m core.toml_twin"
    assert twin.read_text(encoding="utf-8") == twin_text(path), f"{twin.name} is stale: run python -m core.toml_twin"
    doc = json.loads(twin.read_bytes())
    data = path.read_bytes()
    assert doc["toml_crc32"] == zlib.crc32(data) and doc["toml_size"] == len(data)
    assert _same(load_toml(path), tomllib.loads(data.decode()))


def test_the_data_files_are_the_catalogs_and_options():
    names = {p.name for p in data_files()}
    assert {"international.toml", "china.toml", "other-clouds.toml", "options.toml"} <= names


@pytest.mark.parametrize("site", [*SITES, "other-clouds"])
def test_a_catalog_read_through_its_twin_is_the_one_its_toml_builds(site: str):
    def from_toml(name: str):
        data = tomllib.loads((catalog.pricing_dir() / f"{name}.toml").read_text(encoding="utf-8"))
        base = data.get("meta", {}).get("base")
        return catalog._build(name, data, from_toml(base) if base else None)

    expected, loaded = from_toml(site), load_catalog(site)
    assert loaded == expected and repr(loaded) == repr(expected)
    assert [(p.id, p.value.as_tuple() if p.value is not None else None) for p in loaded.prices.values()] == [
        (p.id, p.value.as_tuple() if p.value is not None else None) for p in expected.prices.values()]


def test_option_styles_read_through_their_twin_are_the_tomls():
    data = tomllib.loads((catalog.resources_dir() / "options.toml").read_text(encoding="utf-8"))
    assert [(s.id, s.label, s.short, s.colour) for s in option_styles().values()] == [
        (o["id"], o["label"], o["short"], o["colour"]) for o in data["option"]]


@pytest.fixture
def pricing_copy(tmp_path: Path) -> Path:
    shutil.copytree(catalog.pricing_dir(), tmp_path / "pricing")
    return tmp_path / "pricing"


def test_a_changed_toml_byte_is_read_from_the_toml_not_the_stale_twin(pricing_copy: Path):
    path = pricing_copy / "international.toml"
    assert load_toml(path) == json.loads(twin_path(path).read_bytes())["data"]
    text = path.read_text(encoding="utf-8")
    assert 'currency = "USD"' in text
    path.write_text(text.replace('currency = "USD"', 'currency = "EUR"'), encoding="utf-8")  # same size
    assert path.stat().st_size == len(text.encode())
    assert load_toml(path)["meta"]["currency"] == "EUR"
    assert json.loads(twin_path(path).read_bytes())["data"]["meta"]["currency"] == "USD"  # the twin is stale


def test_a_missing_or_broken_twin_falls_back_to_the_toml(pricing_copy: Path):
    path = pricing_copy / "china.toml"
    expected = tomllib.loads(path.read_text(encoding="utf-8"))
    twin_path(path).write_text("{not json", encoding="utf-8")
    assert _same(load_toml(path), expected)
    twin_path(path).write_text(json.dumps({"toml_crc32": zlib.crc32(path.read_bytes()),
                                           "toml_size": path.stat().st_size, "data": ["not", "a", "table"]}),
                               encoding="utf-8")
    assert _same(load_toml(path), expected)
    twin_path(path).unlink()
    assert _same(load_toml(path), expected)


def test_a_broken_toml_is_refused_as_before(pricing_copy: Path, monkeypatch: pytest.MonkeyPatch):
    (pricing_copy / "international.toml").write_text("[meta\n", encoding="utf-8")
    monkeypatch.setattr(catalog, "pricing_dir", lambda: pricing_copy)
    with pytest.raises(catalog.CatalogError, match=r"^international\.toml: "):
        catalog._read("international")
    with pytest.raises(catalog.CatalogError, match="no price catalog for site 'nowhere'"):
        catalog._read("nowhere")


def test_a_date_has_no_twin(tmp_path: Path):
    path = tmp_path / "dated.toml"
    path.write_text("[meta]\nday = 2027-01-01\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"dated\.toml\.meta\.day: a date has no JSON twin"):
        twin_text(path)


def test_the_generator_writes_twins_the_reader_takes(pricing_copy: Path, monkeypatch: pytest.MonkeyPatch):
    path = pricing_copy / "other-clouds.toml"
    twin_path(path).unlink()
    monkeypatch.setattr(toml_twin, "data_files", lambda: [path])
    assert toml_twin.main() == 0
    assert twin_path(path).read_text(encoding="utf-8") == twin_text(path)
    monkeypatch.setattr("tomllib.loads", lambda text: pytest.fail("parsed the TOML despite a fresh twin"))
    assert load_toml(path)["meta"]["site"] == "other-clouds"
