"""The desktop integration files agree with each other and with the icons (no bundle needed)."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(PACKAGING / "kms-planner.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_launches_the_app_with_the_file():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "kms-planner %f"
    assert entry["Icon"] == "kms-planner"
    assert entry["StartupWMClass"] == "kms-planner"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no desktop-file-validate here")
def test_desktop_entry_is_valid():
    done = subprocess.run(["desktop-file-validate", str(PACKAGING / "kms-planner.desktop")],
                          capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_mime_type_matches_the_desktop_entry():
    root = ET.parse(PACKAGING / "kms-planner-mime.xml").getroot()
    mime = root.find(f"{MIME_NS}mime-type")
    assert mime.get("type") == _desktop_entry()["MimeType"].rstrip(";")
    assert mime.find(f"{MIME_NS}glob").get("pattern") == "*.kmsplan"


@pytest.mark.parametrize("size", [16, 32, 48, 64, 128, 256])
def test_png_icons_have_their_size(size):
    data = (ICONS / f"kms-planner-{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    assert (width, height) == (size, size)


def test_svg_icon_is_256_square():
    root = ET.parse(ICONS / "kms-planner.svg").getroot()
    assert root.get("viewBox") == "0 0 256 256"
