"""``--json``: a machine-readable summary on stdout, and nothing else there.

With ``--json`` a command prints its human text on stderr and one JSON document
(:mod:`asn_scheduler.report_json`, schema in docs/JSON.md) on stdout, also when it
stops on an input problem or finds no roster (exit code 1, ``"ok": false``). Usage
errors (exit 2) print no JSON.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from asn_scheduler.domain.problems import InputError

F = TypeVar("F", bound=Callable[..., Any])

json_option = click.option(
    "--json", "as_json", is_flag=True,
    help="Ringkasan JSON di stdout (skema: docs/JSON.md); teks lain ke stderr / "
         "a JSON summary on stdout (schema: docs/JSON.md); other text goes to stderr.")


def emit(summary: dict[str, Any]) -> None:
    """Print ``summary`` as the one JSON document on stdout."""
    from asn_scheduler.report_json import dumps

    click.echo(dumps(summary))


def json_input_errors(kind: str) -> Callable[[F], F]:
    """With ``--json``, an :class:`InputError` also prints its problem table as JSON on
    stdout before the CLI edge (:func:`~asn_scheduler.cli.common.guarded`) prints it for
    people on stderr and exits 1. Goes between ``guarded`` and the command."""

    def decorate(f: F) -> F:
        @functools.wraps(f)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return f(*args, **kwargs)
            except InputError as exc:
                if kwargs.get("as_json"):
                    from asn_scheduler.report_json import input_error_json

                    emit(input_error_json(kind, exc.problems, input_path=kwargs["input_path"],
                                          roster_path=kwargs.get("roster_path"),
                                          lang=kwargs.get("lang", "id")))
                raise

        return wrapper  # type: ignore[return-value]

    return decorate
