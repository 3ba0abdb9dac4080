"""The ``asn-scheduler`` command line: a thin layer over the library.

Each command lives in its own module (``asn_scheduler/cli/<name>.py``) exposing
``command``; modules load lazily so ``--help`` stays fast.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Sequence
from typing import Any

import click

from asn_scheduler._version import __version__

COMMANDS: dict[str, str] = {
    "validate": "asn_scheduler.cli.validate",
    "template": "asn_scheduler.cli.template",
    "generate": "asn_scheduler.cli.generate",
    "solve": "asn_scheduler.cli.solve",
    "check": "asn_scheduler.cli.check",
    "compare": "asn_scheduler.cli.compare",
    "scenarios": "asn_scheduler.cli.scenarios",
    "replan": "asn_scheduler.cli.replan",
    "bench": "asn_scheduler.cli.bench",
    "publish": "asn_scheduler.cli.publish",
    "serve": "asn_scheduler.cli.serve",
    "batch": "asn_scheduler.cli.batch",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, and whose usage errors and help
    headings are in the command line's language (:mod:`asn_scheduler.cli.click_lang`)."""

    def main(self, args: Sequence[str] | None = None, *a: Any, **kw: Any) -> Any:
        from asn_scheduler.cli import click_lang

        click_lang.use(click_lang.sniff(sys.argv[1:] if args is None else args))
        return super().main(args, *a, **kw)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [n for n in COMMANDS if importlib.util.find_spec(COMMANDS[n]) is not None]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or importlib.util.find_spec(COMMANDS[name]) is None:
            return None
        return importlib.import_module(COMMANDS[name]).command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="asn-scheduler")
def main() -> None:
    """Jadwal WFH/WFO ASN yang adil dan patuh aturan KemenPANRB.

    Fair, rule-checked WFH/WFO rosters for Indonesian civil servants.

    \b
    Example:
      asn-scheduler validate data/contoh-pemkot.xlsx
      asn-scheduler solve data/contoh-pemkot.xlsx -s se-17-2023 -o jadwal.xlsx
    """
