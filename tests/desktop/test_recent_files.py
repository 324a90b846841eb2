"""Recent files: most recent first, no duplicates, at most the limit, kept in the user's settings."""

from __future__ import annotations

from desktop.recent_files import RecentFiles


def test_most_recent_first_without_duplicates(qapp, tmp_path):
    recent = RecentFiles(limit=3)
    paths = [tmp_path / f"{n}.kmsplan" for n in "abcd"]
    for p in paths:
        recent.add(p)
    assert recent.paths() == [paths[3], paths[2], paths[1]]
    recent.add(paths[1])
    assert recent.paths() == [paths[1], paths[3], paths[2]]
    assert RecentFiles().paths() == [paths[1], paths[3], paths[2]]  # kept in the settings
    recent.remove(paths[3])
    assert recent.paths() == [paths[1], paths[2]]
    recent.clear()
    assert recent.paths() == []


def test_one_entry_survives_a_settings_round_trip(qapp, tmp_path):
    RecentFiles().add(tmp_path / "only.kmsplan")
    assert RecentFiles().paths() == [tmp_path / "only.kmsplan"]
