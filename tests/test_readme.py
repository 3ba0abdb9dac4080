"""Every transcript in README.md is real output: the commands of each ``<!-- transcript -->``
block run in order (in a scratch folder holding ``data/`` and ``out/``) and their output must
match the block line for line. A line ``…`` stands for any number of lines; times
(``1,8 s``, ``2.0 s``) are masked, being the one thing that varies from run to run."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from asn_scheduler.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"<!-- transcript -->\n```console\n(.*?)\n```", re.DOTALL)
TIME = re.compile(r"\b\d+[.,]\d+ s\b")


def blocks() -> list[str]:
    return BLOCK.findall(README.read_text(encoding="utf-8"))


def sessions(block: str) -> list[tuple[str, list[str]]]:
    """(command, expected lines) for each ``$ asn-scheduler …`` of a block; the blank line
    that separates two commands in the README is not part of the first one's output."""
    out: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        else:
            out[-1][1].append(line)
    return [(cmd, lines[:-1] if lines and lines[-1] == "" else lines) for cmd, lines in out]


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line-by-line match with ``…`` as a wildcard for zero or more lines."""
    if not expected:
        return not actual
    if expected[0] == "…":
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and TIME.sub("T s", expected[0]) == TIME.sub("T s", actual[0]) \
        and matches(expected[1:], actual[1:])


def test_the_readme_has_transcripts_and_they_use_the_tool():
    found = blocks()
    assert len(found) >= 3
    assert all(cmd.startswith("asn-scheduler ") for b in found for cmd, _ in sessions(b))


def test_the_matcher_masks_times_and_skips_at_the_ellipsis():
    assert matches(["a 1,8 s", "…", "z"], ["a 2,5 s", "b", "c", "z"])
    assert not matches(["a", "z"], ["a", "b", "z"])
    assert not matches(["Pelanggaran aturan wajib: 0"], ["Pelanggaran aturan wajib: 1"])


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(blocks())))
def test_every_transcript_is_what_the_tool_prints(index, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    for cmd, expected in sessions(blocks()[index]):
        args = shlex.split(cmd)[1:]
        result = CliRunner().invoke(main, args, env={"COLUMNS": "100",
                                                     "ASN_SCHEDULER_LANG": ""})
        actual = result.output.rstrip("\n").splitlines()
        assert matches(expected, actual), (
            f"README transcript {index + 1}, `{cmd}` prints:\n" + result.output)
