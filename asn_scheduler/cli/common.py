"""Shared CLI pieces: option decorators, output helpers and the error edge.

Library errors become exit codes only here: 0 success, 1 an input problem or no feasible
roster (with the explanation), 2 a usage error (click's own, or an unknown scenario).
"""

from __future__ import annotations

import functools
import math
import signal
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from asn_scheduler.domain.problems import InputError, InputProblem
from asn_scheduler.excel._atomic import OutputRefused
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.interrupt import Terminated, signals_as_exceptions
from asn_scheduler.safety_text import terminal_text
from asn_scheduler.scenario.loader import ScenarioError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class Failure(click.ClickException):
    """Exit 1 with a message (an input problem, an infeasible roster, a non-compliant one)."""

    exit_code = EXIT_FAIL

    def show(self, file: Any = None) -> None:
        click.echo(self.format_message(), err=True)


def lang_option(f: F) -> F:
    """``--lang id|en``: the language of everything printed (Bahasa Indonesia first);
    the environment variable ``ASN_SCHEDULER_LANG`` sets the default."""
    return click.option(
        "--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
        envvar="ASN_SCHEDULER_LANG", show_envvar=True,
        help="Bahasa pesan / language of messages.")(f)


def scenario_option(multiple: bool = False) -> Callable[[F], F]:
    """``-s/--scenario NAME|PATH``."""
    return click.option(
        "-s", "--scenario", "scenario", required=True, multiple=multiple,
        help="Skenario: nama (lihat `asn-scheduler scenarios`) atau berkas .toml / "
             "scenario name or .toml path.")


def set_option(f: F) -> F:
    """``--set KEY=VALUE`` (repeatable): a scenario parameter for this run, keys as in the
    scenario files (``asn-scheduler scenarios keys``); wins over sheet Pengaturan."""
    return click.option(
        "--set", "sets", multiple=True, metavar="KEY=VALUE",
        help="Atur parameter skenario untuk run ini, mis. --set office_days=Senin "
             "(daftar: asn-scheduler scenarios keys) / set a scenario parameter for this "
             "run.")(f)


def run_scenario(name: str, problem: Any, sets: Sequence[str], lang: Lang) -> Any:
    """The scenario with the workbook's settings and ``--set`` applied
    (:func:`asn_scheduler.scenario.run.scenario_for_run`); its notes on stderr."""
    from asn_scheduler.scenario.run import scenario_for_run

    sc, notes = scenario_for_run(name, problem, sets)
    for note in notes:
        click.echo(Msg("Catatan: {t}", "Note: {t}").format(t=note.get(lang)).get(lang),
                   err=True)
    return sc


def solve_options(f: F) -> F:
    """``--start --end --time-limit --seed --workers`` shared by solve, compare and bench."""
    for opt in reversed([
        click.option("--start", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), default=None,
                     help="Tanggal pertama / first date (YYYY-MM-DD or DD/MM/YYYY)."),
        click.option("--end", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), default=None,
                     help="Tanggal terakhir / last date."),
        click.option("--time-limit", type=click.FloatRange(min=0.1, max=MAX_TIME_LIMIT),
                     default=60.0, show_default=True, callback=_finite,
                     help="Batas waktu solver (detik) / solver time limit."),
        click.option("--seed", type=click.IntRange(min=-MAX_SEED - 1, max=MAX_SEED), default=0,
                     show_default=True,
                     help="Benih acak; sama benih = jadwal sama / random seed."),
        click.option("--workers", type=click.IntRange(min=1), default=None,
                     help="Proses paralel (bawaan: jumlah inti) / parallel processes."),
    ]):
        f = opt(f)
    return f


MAX_TIME_LIMIT = 7 * 24 * 3600.0
MAX_SEED = 2**31 - 1
"""The solver's seed is a 32-bit integer; a larger one used to end in a traceback."""


def _finite(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if not math.isfinite(value):  # FloatRange lets nan through: nan < min is False
        raise click.BadParameter(f"{value} is not a number of seconds")
    return value


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]], max_width: int = 60) -> str:
    """A plain-text table with aligned columns; cells longer than ``max_width`` are cut, and
    control characters in them (an ESC from a hostile cell) are shown as �."""
    rows = [[terminal_text(c) for c in r] for r in rows]
    cut = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cut]) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, cut)])


def wrap(text: str, width: int | None = None) -> str:
    """Each line of ``text`` wrapped to the terminal (``COLUMNS``, else its size, at least
    80), continuation lines indented under the line's own text: a long warning or fix
    reads as a paragraph, never runs off the screen."""
    import textwrap

    from asn_scheduler.cli.problem_table import terminal_width

    width = width or terminal_width()
    out = []
    for line in text.splitlines():
        body = line.lstrip(" ")
        lead = " " * (len(line) - len(body))
        out.append(textwrap.fill(body, width, initial_indent=lead,
                                 subsequent_indent=lead + "  ", break_long_words=False,
                                 break_on_hyphens=False) if body else line)
    return "\n".join(out)


def problems_table(problems: Sequence[InputProblem], lang: Lang) -> str:
    """The problem table as the CLI prints it: wrapped to the terminal, warnings labelled,
    follow-on errors folded under their cause (:mod:`asn_scheduler.cli.problem_table`)."""
    from asn_scheduler.cli.problem_table import render

    return render(problems, lang)


_STOPPED = Msg("Dihentikan ({s}); tidak ada berkas keluaran yang ditulis atau diubah.",
               "Stopped ({s}); no output file was written or changed.")


def guarded(f: F) -> F:
    """Turn library errors into clean messages and exit codes (no traceback); SIGTERM,
    SIGHUP and Ctrl-C stop the command cleanly (exit 128 + the signal's number)."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        lang: Lang = kwargs.get("lang", "id")
        try:
            with signals_as_exceptions():
                return f(*args, **kwargs)
        except (Terminated, KeyboardInterrupt) as exc:
            # the temporary output is gone and the workers are stopped by now
            stopped = Failure(_STOPPED.format(
                s="SIGINT (Ctrl-C)" if isinstance(exc, KeyboardInterrupt)
                else signal.Signals(exc.signum).name).get(lang))
            stopped.exit_code = 130 if isinstance(exc, KeyboardInterrupt) else exc.exit_code
            raise stopped from None
        except OutputRefused as exc:
            raise Failure(exc.msg.get(lang)) from None
        except InputError as exc:
            from asn_scheduler.cli.problem_table import full_table_hint, headline

            text = f"{headline(exc.problems, lang)}\n{problems_table(exc.problems, lang)}"
            if kwargs.get("issues_out") is None:
                source = kwargs.get("input_path")
                text += "\n" + full_table_hint(str(source or "INPUT.xlsx"), lang)
            raise Failure(text) from None
        except ScenarioError as exc:
            err = click.UsageError(exc.msg.get(lang))
            raise err from None
        except OSError as exc:
            name = getattr(exc, "filename", None) or ""
            raise Failure(Msg("Berkas tidak dapat dibuka/ditulis: {f} ({e})",
                              "File cannot be opened/written: {f} ({e})")
                          .format(f=name, e=exc.strerror or exc).get(lang)) from None

    return wrapper  # type: ignore[return-value]
