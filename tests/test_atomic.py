"""Atomic output: failure never leaves a half-written file or replaces a good one."""

from __future__ import annotations

import pytest

from asn_scheduler.excel._atomic import atomic_path


def test_success_replaces_the_target(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_text("old")
    with atomic_path(target) as tmp:
        tmp.write_text("new")
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_text("good roster")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("writer crashed")
    assert target.read_text() == "good roster"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_missing_folder_is_an_oserror(tmp_path):
    with pytest.raises(FileNotFoundError), atomic_path(tmp_path / "nope" / "x.xlsx"):
        pass


def test_output_gets_umask_permissions_not_owner_only(tmp_path):
    import os
    target = tmp_path / "out.xlsx"
    with atomic_path(target) as tmp:
        tmp.write_text("x")
    umask = os.umask(0)
    os.umask(umask)
    assert (target.stat().st_mode & 0o777) == (0o666 & ~umask)
