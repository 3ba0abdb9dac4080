"""Every registered command has help with an ``Example:`` and is mentioned in README.md."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from asn_scheduler.cli import COMMANDS, main

README = Path(__file__).resolve().parents[1] / "README.md"


def registered() -> list[str]:
    """Commands whose module exists (the lazy group lists only those)."""
    return main.list_commands(click.Context(main))


def all_command_paths() -> list[list[str]]:
    """Every command and subcommand, as argument lists."""
    paths: list[list[str]] = []
    for name in registered():
        cmd = main.get_command(click.Context(main), name)
        paths.append([name])
        if isinstance(cmd, click.Group):
            paths += [[name, sub] for sub in cmd.list_commands(click.Context(cmd))]
    return paths


def test_the_commands_of_this_task_are_registered():
    assert {"solve", "check", "compare", "scenarios", "replan"} <= set(registered())
    assert set(registered()) <= set(COMMANDS)


def test_main_help_has_an_example():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


@pytest.mark.parametrize("path", all_command_paths(), ids=" ".join)
def test_every_command_has_help_with_an_example(path: list[str]):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    # the example really uses this command
    assert re.search(rf"asn-scheduler {re.escape(' '.join(path[:1]))}\b", result.output)


@pytest.mark.parametrize("name", ["solve", "check", "compare", "replan"])
def test_exit_codes_are_documented(name: str):
    out = CliRunner().invoke(main, [name, "--help"]).output
    assert "Exit codes:" in out
    assert all(re.search(rf"^\s+{code}\s+\S", out, re.M) for code in (0, 1, 2))


@pytest.mark.parametrize("name", registered())
def test_every_command_is_in_the_readme(name: str):
    assert f"asn-scheduler {name}" in README.read_text(encoding="utf-8"), (
        f"README.md does not mention `asn-scheduler {name}`")


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("asn-scheduler, version ")
