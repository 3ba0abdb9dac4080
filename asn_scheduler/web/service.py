"""What the pages and the JSON API share: saving and checking an upload, reading job
options the way the CLI names them, and submitting jobs. No HTTP here beyond the
uploaded-file object."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from asn_scheduler.i18n import Msg
from asn_scheduler.web.store import Store, read_json, write_json
from asn_scheduler.web.worker import bi, problem_rows

PAPERS = ("A4", "F4")
LIMITS = {"time_limit": (0.1, 3600.0), "effort": (0.0, 100.0), "seed": (0, 2**31 - 1)}


@dataclass(frozen=True)
class OptionError(Exception):
    """An option outside what the CLI accepts: ``field`` names it as the CLI does."""

    field: str
    msg: Msg


def safe_name(filename: str | None) -> str:
    """The uploaded file's own name, reduced to letters, digits, ``.-_`` and ending in
    ``.xlsx`` (messages about the file then name it as the planner knows it)."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(filename or "").stem).strip("._")[:60]
    return f"{stem or 'input'}.xlsx"


def store_uploads(store: Store, uploads: dict[str, Any]) -> tuple[str, Path, dict[str, str]]:
    """Save uploaded files (already size-limited while they streamed) by role
    (``input``, ``roster``) in a new upload folder; returns its ID, folder and the name
    each role got."""
    wid, folder = store.new_upload()
    names: dict[str, str] = {}
    for role, upload in uploads.items():
        name = safe_name(getattr(upload, "filename", None))
        if name in names.values():
            name = f"{role}-{name}"
        upload.file.seek(0)
        with open(folder / "in" / name, "wb") as out:
            shutil.copyfileobj(upload.file, out, 2**20)
        names[role] = name
    return wid, folder, names


def job_files(folder: Path, names: dict[str, str]) -> dict[str, Path]:
    """An upload's files as :meth:`Store.create_job` takes them."""
    return {name: folder / "in" / name for name in names.values()}


@lru_cache(maxsize=1)
def scenario_cards() -> tuple[dict[str, Any], ...]:
    """Every shipped scenario as the form shows it: ID, title, legal basis, dates,
    region and the short rule summary, oldest instrument first."""
    from asn_scheduler.scenario import list_scenarios
    from asn_scheduler.scenario.describe import (
        dates_text,
        region_text,
        rule_summary,
        short_basis,
    )

    def first(sc: Any) -> str:
        return min((a.isoformat() for a, _ in sc.window.ranges), default="") if sc.window else ""

    return tuple({"id": sc.id, "title": bi(sc.title), "basis": short_basis(sc.basis),
                  "basis_full": sc.basis, "url": sc.basis_url,
                  "dates": {"id": dates_text(sc, "id"), "en": dates_text(sc, "en")},
                  "region": {"id": region_text(sc, "id"), "en": region_text(sc, "en")},
                  "rules": [bi(m) for m in rule_summary(sc)]}
                 for sc in sorted(list_scenarios(), key=lambda s: (first(s), s.id)))


def validate(folder: Path, name: str) -> dict[str, Any]:
    """Check the workbook ``name`` uploaded to ``folder`` as ``asn-scheduler validate``
    does and store the outcome as ``validation.json``: problems (when unusable), else
    warnings, the agency summary and each scenario's coverage of its dates and units."""
    from asn_scheduler.domain.problems import InputError
    from asn_scheduler.excel.reader import read_workbook
    from asn_scheduler.summary import summarise

    try:
        read = read_workbook(folder / "in" / name)
    except InputError as exc:
        out: dict[str, Any] = {"ok": False, "problems": problem_rows(exc.problems)}
    else:
        p = read.problem
        out = {"ok": True, "problems": [], "warnings": problem_rows(read.warnings),
               "summary": {"id": summarise(p, "id"), "en": summarise(p, "en")},
               "staff": len(p.employees), "units": len(p.units),
               "period": [p.period.start.isoformat(), p.period.end.isoformat()]
               if p.period else None,
               "coverage": _coverage(p)}
    out["file"] = name
    write_json(folder / "validation.json", out)
    return out


def _coverage(problem: Any, start: date | None = None,
              end: date | None = None) -> dict[str, list[dict[str, str]]]:
    """Per scenario, what it leaves out of this agency over the dates it would use
    (``start``/``end``, else sheet Periode, else its own window)."""
    from asn_scheduler.engine import PeriodError, resolve_dates
    from asn_scheduler.scenario import load_scenario
    from asn_scheduler.scenario.describe import coverage

    out = {}
    for card in scenario_cards():
        sc = load_scenario(card["id"])
        try:
            dates = resolve_dates(problem, sc, start, end)
        except PeriodError:
            dates = ()
        out[sc.id] = [bi(m) for m in coverage(problem, sc, dates)]
    return out


@lru_cache(maxsize=4)
def _problem(path: str, _mtime: float) -> Any:
    from asn_scheduler.excel.reader import read_workbook

    return read_workbook(path).problem


def coverage_for(folder: Path, name: str, start: str | None,
                 end: str | None) -> dict[str, list[dict[str, str]]]:
    """:func:`_coverage` for a period the planner typed, on an upload already validated
    (its problem is cached while the planner tries periods)."""
    path = folder / "in" / name
    problem = _problem(str(path), path.stat().st_mtime)
    return _coverage(problem, date.fromisoformat(start) if start else None,
                     date.fromisoformat(end) if end else None)


def validation(folder: Path) -> dict[str, Any] | None:
    return read_json(folder / "validation.json")


def _number(form: Any, name: str, kind: type, default: float) -> float:
    raw = (form.get(name) or "").strip() if hasattr(form, "get") else ""
    if raw == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise OptionError(name, Msg(f"--{name.replace('_', '-')} harus angka",
                                    f"--{name.replace('_', '-')} must be a number")) from None
    lo, hi = LIMITS[name]
    if not lo <= value <= hi:
        raise OptionError(name, Msg(f"--{name.replace('_', '-')} di luar {lo:g}..{hi:g}",
                                    f"--{name.replace('_', '-')} outside {lo:g}..{hi:g}"))
    return value


def _day(form: Any, name: str) -> str | None:
    raw = (form.get(name) or "").strip()
    if not raw:
        return None
    for parse in (date.fromisoformat, lambda s: date(*map(int, reversed(s.split("/"))))):
        try:
            return parse(raw).isoformat()
        except (ValueError, TypeError):
            continue
    raise OptionError(name, Msg(f"--{name}: tanggal YYYY-MM-DD atau DD/MM/YYYY",
                                f"--{name}: a date YYYY-MM-DD or DD/MM/YYYY"))


def scenario_name(raw: str | None) -> str:
    """A shipped scenario's ID (the web never reads scenario files from paths)."""
    name = (raw or "").strip()
    if name not in {c["id"] for c in scenario_cards()}:
        raise OptionError("scenario", Msg(f"skenario tidak dikenal: {name[:40]!r}",
                                          f"unknown scenario: {name[:40]!r}"))
    return name


def options(form: Any, max_time: float, *, dates: bool = True) -> dict[str, Any]:
    """The solve options from a form, named and bounded as the CLI's (``--start``,
    ``--end``, ``--time-limit``, ``--seed``, ``--effort``, ``--paper``, ``--lang``);
    ``time_limit`` is further capped by the server's job limit.

    Raises
    ------
    OptionError
        For the first option that is not valid.
    """
    out: dict[str, Any] = {
        "time_limit": min(_number(form, "time_limit", float, 60.0), max_time),
        "seed": int(_number(form, "seed", int, 0)),
        "effort": _number(form, "effort", float, 1.0),
        "paper": (form.get("paper") or "A4").strip().upper(),
        "lang": "en" if form.get("lang") == "en" else "id",
        "workers": 1,
    }
    if out["paper"] not in PAPERS:
        raise OptionError("paper", Msg("--paper: A4 atau F4", "--paper: A4 or F4"))
    if dates:
        out["start"], out["end"] = _day(form, "start"), _day(form, "end")
        if out["start"] and out["end"] and out["start"] > out["end"]:
            raise OptionError("end", Msg("--end sebelum --start", "--end is before --start"))
    return out


MAX_SETS = 40
"""Scenario parameter lines a job may carry (the keys number about 25)."""
MAX_PREVIOUS = 12
"""Previous roster files a solve may chain from (a year of monthly rosters)."""


def scenario_sets(form: Any, scenario: str) -> list[str]:
    """The ``KEY=VALUE`` scenario parameters of a form (the page's text box, one per
    line, or the API's repeated ``set`` fields), blank and ``#`` lines dropped, checked
    exactly as ``solve --set`` checks them (key known, value valid for ``scenario``).

    Raises
    ------
    OptionError
        ``set``: too many lines, or the first invalid one, with the library's message
        (unknown key with the closest ones, or why the value is refused).
    """
    from asn_scheduler.scenario.loader import ScenarioError
    from asn_scheduler.scenario.run import scenario_for_run

    given = form.getlist("set") if hasattr(form, "getlist") else list(form.get("set") or [])
    lines = [ln.strip() for raw in given for ln in str(raw).splitlines()]
    sets = [ln for ln in lines if ln and not ln.startswith("#")]
    if len(sets) > MAX_SETS:
        raise OptionError("set", Msg(f"--set: paling banyak {MAX_SETS} baris",
                                     f"--set: at most {MAX_SETS} lines"))
    try:
        scenario_for_run(scenario, None, sets)
    except ScenarioError as exc:
        raise OptionError("set", exc.msg) from None
    return sets


FORM_MEMORY = "form.json"


def remember_form(folder: Path, exc: OptionError, form: Any) -> None:
    """Keep a refused solve form's message and what was typed in the upload folder, so
    the page shows them again after its redirect (nothing of it goes into the URL)."""
    given = form.getlist("set") if hasattr(form, "getlist") else []
    write_json(folder / FORM_MEMORY, {
        "field": exc.field, "msg": bi(exc.msg), "scenario": str(form.get("scenario") or "")[:60],
        "set": "\n".join(str(x) for x in given)[:4000],
        "best_effort": flag(form, "best_effort")})


def forget_form(folder: Path) -> None:
    """Drop what :func:`remember_form` kept (the form was accepted)."""
    (folder / FORM_MEMORY).unlink(missing_ok=True)


def typed_form(folder: Path) -> dict[str, Any]:
    """What :func:`remember_form` kept (empty when nothing)."""
    return read_json(folder / FORM_MEMORY) or {}


def flag(form: Any, name: str) -> bool:
    """A checkbox or API flag: ``on``, ``true``, ``1``, ``yes`` (any case) are set."""
    return str(form.get(name) or "").strip().lower() in {"on", "true", "1", "yes", "ya"}


def store_previous(store: Store, uploads: list[Any], taken: set[str]
                   ) -> tuple[Path | None, list[str]]:
    """Save the previous roster uploads (already size-limited) in a new upload folder,
    each under its own name made safe and different from ``taken`` (the input's);
    ``(None, [])`` without any."""
    files = [u for u in uploads if getattr(u, "filename", "")]
    if not files:
        return None, []
    if len(files) > MAX_PREVIOUS:
        raise OptionError("previous", Msg(
            f"--previous: paling banyak {MAX_PREVIOUS} berkas",
            f"--previous: at most {MAX_PREVIOUS} files"))
    _wid, folder = store.new_upload()
    names: list[str] = []
    for k, upload in enumerate(files, 1):
        name = safe_name(getattr(upload, "filename", None))
        if name in names or name in taken:
            name = f"sebelumnya-{k}-{name}"
        upload.file.seek(0)
        with open(folder / "in" / name, "wb") as out:
            shutil.copyfileobj(upload.file, out, 2**20)
        names.append(name)
    return folder, names


def new_job(store: Store, runner: Any, kind: str, params: dict[str, Any],
            files: dict[str, Path]) -> str:
    """Create and queue a job; raises ``QueueFull`` (the job is then marked failed)."""
    jid, _folder = store.create_job(kind, params, files)
    runner.submit(jid)
    return jid
