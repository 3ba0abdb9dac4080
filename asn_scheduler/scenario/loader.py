"""Reading scenario TOML files (``scenarios/*.toml``) into :class:`Scenario` objects."""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import tomllib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from asn_scheduler.domain.enums import Sector, ServiceCategory, normalise
from asn_scheduler.domain.model import Period
from asn_scheduler.domain.problems import InputError, InputProblem
from asn_scheduler.domain.regions import RegionError, canonical
from asn_scheduler.i18n import Msg
from asn_scheduler.scenario.errors import ParamError
from asn_scheduler.scenario.model import (
    GOAL_IDS,
    LevelPeriod,
    Override,
    Policy,
    Scenario,
    WfoMax,
    Window,
)
from asn_scheduler.scenario.office_days import parse_office_days
from asn_scheduler.scenario.overrides import BASELINE
from asn_scheduler.scenario.overrides import apply as apply_overrides

OFFICE_ID = "kantor"
MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 16
MAX_NUMBER = 1_000_000
MAX_ITEMS = 10_000
MAX_TEXT = 10_000
"""Limits on a scenario file (a shipped one is under 4 KiB, nests 3 deep, holds numbers
under 400): larger files, deeper nesting, non-finite or huge numbers are refused."""


class ScenarioError(ValueError):
    """A scenario that cannot be found or read; ``msg`` says why in both languages."""

    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(msg.id)


def scenarios_dir() -> Path:
    """The folder of shipped scenarios: ``$ASN_SCHEDULER_SCENARIOS`` or ``scenarios/``
    beside the package."""
    env = os.environ.get("ASN_SCHEDULER_SCENARIOS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "scenarios"


def scenario_names() -> list[str]:
    """IDs of the shipped scenarios, sorted."""
    return sorted(p.stem for p in scenarios_dir().glob("*.toml"))


def list_scenarios() -> list[Scenario]:
    """Every shipped scenario, loaded, in chronological order of their basis."""
    return [load_scenario(n) for n in scenario_names()]


def load_scenario(name_or_path: str | Path, overrides: Sequence[Override] = (),
                  _seen: tuple[str, ...] = ()) -> Scenario:
    """Load a shipped scenario by ID (``se-17-2023``) or a TOML file by path, with
    ``overrides`` (:mod:`asn_scheduler.scenario.overrides`) applied, later ones winning.

    Raises
    ------
    ScenarioError
        Unknown name, unreadable TOML, or an invalid parameter (the message names it,
        and the override that set it).
    InputError
        An override from the workbook's ``Pengaturan`` sheet with an invalid value (sheet,
        row, column, value, fix).
    """
    text = str(name_or_path)
    path = Path(text)
    if not (text.endswith(".toml") or path.is_file()):
        path = scenarios_dir() / f"{text}.toml"
    if not path.is_file():
        raise ScenarioError(Msg(
            "Skenario {n!r} tidak ditemukan. Skenario tersedia: {a}.",
            "Scenario {n!r} not found. Available: {a}.",
        ).format(n=text, a=", ".join(scenario_names())))
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValueError(f"more than {MAX_FILE_BYTES // 1024} KiB")
        text = path.read_text(encoding="utf-8")
        _check_nesting(text)
        data = tomllib.loads(text)
        _check_values(data)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError, RecursionError,
            MemoryError) as exc:
        raise ScenarioError(Msg(
            "Berkas skenario {p} tidak dapat dibaca: {e}", "Scenario file {p} cannot be read: {e}"
        ).format(p=path, e=str(exc)[:200] or type(exc).__name__)) from None
    try:
        scenario = _build(data, path, _seen, tuple(overrides))
    except (KeyError, TypeError, ValueError, AttributeError, IndexError,
            OverflowError) as exc:
        if isinstance(exc, ScenarioError | InputError):
            raise
        if overrides:
            _blame(data, path, _seen, tuple(overrides))
        why = exc.msg if isinstance(exc, ParamError) else Msg(str(exc), str(exc))
        raise ScenarioError(Msg(f"Berkas skenario {path} tidak valid: {why.id}",
                                f"Scenario file {path} is invalid: {why.en}")) from None
    if overrides and not _seen:
        scenario = dataclasses.replace(scenario, overrides=tuple(overrides))
    return scenario


def _blame(data: dict[str, Any], path: Path, seen: tuple[str, ...],
           overrides: tuple[Override, ...]) -> None:
    """Raise the error of the first override that makes the scenario invalid."""
    for i, o in enumerate(overrides):
        try:
            _build(data, path, seen, overrides[: i + 1])
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, ScenarioError | InputError):
                raise
            detail = exc.msg if isinstance(exc, ParamError) else Msg(
                str(exc).strip("'"), str(exc).strip("'"))
            if o.source != "cli":
                raise InputError([InputProblem(
                    o.source, o.row, "Nilai" if o.source == "Pengaturan" else None, o.value,
                    Msg(f"Nilai {o.key} tidak valid.", f"Invalid value for {o.key}."),
                    Msg(f"{detail.id} (lihat asn-scheduler scenarios keys)",
                        f"{detail.en} (see asn-scheduler scenarios keys)"))]) from None
            raise ScenarioError(Msg(
                f"--set {o.key}={o.value} tidak valid untuk skenario {path.stem}: {detail.id}",
                f"--set {o.key}={o.value} is invalid for scenario {path.stem}: {detail.en}"
            )) from None


def _check_nesting(text: str) -> None:
    """Refuse arrays or inline tables nested deeper than :data:`MAX_DEPTH` before the TOML
    parser recurses into them (a rough count: brackets inside strings count too, which
    only errs on the safe side for files far deeper than any scenario)."""
    depth = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
        elif ch in "]}":
            depth = max(0, depth - 1)


def _check_values(data: Any) -> None:
    """Every number finite and within ±:data:`MAX_NUMBER`, every text and array within
    their limits (iteratively: the nesting is already bounded)."""
    stack = [data]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list):
            if len(v) > MAX_ITEMS:
                raise ValueError(f"an array of more than {MAX_ITEMS} items")
            stack.extend(v)
        elif isinstance(v, bool):
            continue
        elif isinstance(v, (int, float)):
            if not -MAX_NUMBER <= v <= MAX_NUMBER:  # also NaN
                raise ValueError(f"the number {v!r:.40} is outside ±{MAX_NUMBER}")
        elif isinstance(v, str) and len(v) > MAX_TEXT:
            raise ValueError(f"a text longer than {MAX_TEXT} characters")


def _date(v: Any) -> date:
    return v if isinstance(v, date) else date.fromisoformat(str(v))


def _build(data: dict[str, Any], path: Path, seen: tuple[str, ...],
           overrides: tuple[Override, ...] = ()) -> Scenario:
    sid = str(data.get("id", path.stem))
    if sid in seen:
        raise ValueError(f"baseline cycle: {' -> '.join((*seen, sid))}")
    base_id = str(data.get("baseline", OFFICE_ID))
    own = tuple(o for o in overrides if not o.key.startswith(BASELINE))
    down = tuple(dataclasses.replace(o, key=o.key[len(BASELINE):])
                 for o in overrides if o.key.startswith(BASELINE))
    if down and base_id == OFFICE_ID:
        raise ParamError(Msg(f"{down[0].key}: skenario {sid} tidak punya skenario dasar",
                             f"{down[0].key}: scenario {sid} has no baseline scenario to set"))
    baseline = None if base_id == OFFICE_ID else load_scenario(base_id, down, (*seen, sid))
    base_policy = baseline.policy if baseline else Policy()
    if own:
        data = apply_overrides(data, own, {c.value: v for c, v in base_policy.wfh_cap_pct.items()})
    policy = _policy(data.get("policy", {}), base_policy)
    window = None
    revoked = _date(data["window"]["revoked"]) if "revoked" in data.get("window", {}) else None
    if "window" in data:
        w = data["window"]
        ranges = tuple(
            (_date(r[0]), _date(r[1]) if len(r) > 1 and r[1] not in ("", None) else None)
            for r in w["ranges"]
        )
        for a, b in ranges:
            if b is not None and b < a:
                raise ValueError(f"window range {a}..{b} ends before it starts")
            if revoked is not None and (b is None or b >= revoked):
                raise ParamError(Msg(
                    f"jendela harus berakhir sebelum rezim dicabut pada {revoked} "
                    f"(rentang {a}..{b or ''})",
                    f"the window must end before the regime was revoked on {revoked} "
                    f"(range {a}..{b or ''})"))
        window = Window(ranges, frozenset(_region(r) for r in w.get("regions", [])))
    if revoked is not None and policy.wfo_max is not None:
        for p in policy.wfo_max.periods:
            # an open end runs to the window's end, which is checked above
            if (p.end is not None and p.end >= revoked) or (
                    p.start is not None and p.start >= revoked):
                last = date.fromordinal(revoked.toordinal() - 1)
                raise ParamError(Msg(
                    f"level PPKM {p.region} berlaku sampai {p.end}, padahal PPKM dicabut "
                    f"{revoked}: akhiri paling lambat {last}",
                    f"PPKM level period for {p.region} runs to {p.end}, but PPKM was revoked "
                    f"on {revoked}: end it by {last}"))
    suggested = None
    if "suggested_period" in data.get("window", {}):
        a, b = data["window"]["suggested_period"]
        suggested = Period(_date(a), _date(b))
    goals = data.get("goals", {})
    order = tuple(goals.get("order", GOAL_IDS))
    unknown = [g for g in order if g not in GOAL_IDS]
    if unknown:
        raise ValueError(f"unknown goals {unknown}; use {list(GOAL_IDS)}")
    return Scenario(
        id=sid,
        title=Msg(data["title"], data.get("title_en", data["title"])),
        basis=data["basis"],
        basis_url=data.get("basis_url", ""),
        description=Msg(data.get("description", "").strip(),
                        data.get("description_en", data.get("description", "")).strip()),
        policy=policy,
        window=window,
        baseline=baseline,
        goals=order,
        max_consecutive_wfh=int(goals.get("max_consecutive_wfh", 2)),
        suggested_period=suggested,
        basis_url_secondary=tuple(_as_list(data.get("basis_url_secondary", ()))),
        revoked=revoked,
        rule_basis={str(k): str(v) for k, v in data.get("rule_basis", {}).items()},
    )


def _as_list(v: Any) -> list[Any]:
    return [v] if isinstance(v, str) else list(v)


def _region(name: str) -> str:
    try:
        return canonical(str(name))
    except RegionError as exc:
        raise ParamError(Msg(f"{exc.problem.id} {exc.fix.id}",
                             f"{exc.problem.en} {exc.fix.en}")) from None


def _category(key: str) -> ServiceCategory:
    cat = ServiceCategory.parse(key)
    if cat is None:
        raise ValueError(f"unknown service category {key!r}")
    return cat  # type: ignore[return-value]


def _policy(p: dict[str, Any], base: Policy) -> Policy:
    changes: dict[str, Any] = {}
    for key, value in p.items():
        if key == "wfh_cap_pct":
            if not isinstance(value, dict) or not all(
                    isinstance(v, int | float) and not isinstance(v, bool)
                    for v in value.values()):
                raise ParamError(Msg("nilai wfh_cap_pct berupa angka (persen)",
                                     "wfh_cap_pct values are numbers (percent)"))
            caps = {_category(k): float(v) for k, v in value.items()}
            if any(not 0 <= v <= 100 for v in caps.values()):
                raise ParamError(Msg("nilai wfh_cap_pct harus 0..100",
                                     "wfh_cap_pct values must be within 0..100"))
            changes[key] = caps
        elif key == "max_flex_days_per_week":
            changes[key] = None if value is False else _int(key, value)
        elif key == "eligibility":
            bad = set(value) - {"F2", "F3", "F4"}
            if bad:
                raise ValueError(f"eligibility takes F2, F3, F4, not {sorted(bad)}")
            changes[key] = frozenset(value)
        elif key == "wfh_goal":
            if value not in ("fill", "none") and not (isinstance(value, int) and value >= 0):
                raise ValueError("wfh_goal is 'fill', 'none' or a whole number of days per week")
            changes[key] = value
        elif key == "wfo_max":
            changes[key] = None if value is False else _wfo_max(value)
        elif key in ("direct_service_wfo", "role_minimums", "building_capacity",
                     "counts_toward_flex_cap", "unit_cap_applies"):
            changes[key] = _bool(key, value)
        elif key in ("senior_levels_wfo", "new_employee_days"):
            changes[key] = _int(key, value)
        elif key == "office_days":
            changes[key] = parse_office_days(value if isinstance(value, str | list) else [value])
        elif key in ("senior_levels", "senior_rule"):
            changes[key] = value  # Policy validates both
        elif key in _FIELD_TYPES:
            changes[key] = _generic(key, value, _FIELD_TYPES[key])
        else:
            near = difflib.get_close_matches(key, sorted(_FIELD_TYPES), n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise ValueError(f"unknown policy parameter {key!r}{hint}")
    return base.replace(**changes)


_FIELD_TYPES: dict[str, str] = {f.name: str(f.type) for f in dataclasses.fields(Policy)}


def _bool(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ParamError(Msg(f"{key} bernilai true atau false (Ya/Tidak), bukan {value!r}",
                             f"{key} is true or false, not {value!r}"))
    return value


def _int(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ParamError(Msg(f"{key} berupa bilangan bulat ≥ 0, bukan {value!r}",
                             f"{key} is a whole number ≥ 0, not {value!r}"))
    return value


def _generic(key: str, value: Any, annotation: str) -> Any:
    """A value for a policy field this loader has no special case for (e.g. one another
    module added), coerced by the field's annotation, so TOML files and ``--set`` can set
    it at once."""
    if annotation.startswith("bool"):
        return _bool(key, value)
    if annotation.startswith("int"):
        return _int(key, value)
    if annotation.startswith(("frozenset", "tuple")):
        items = [p.strip() for p in str(value).split(";")] if isinstance(value, str) else value
        return frozenset(items) if annotation.startswith("frozenset") else tuple(items)
    return value


def _wfo_max(v: dict[str, Any]) -> WfoMax:
    wm = _wfo_max_table(v)
    exempt = frozenset(_category(k) for k in v.get("exempt_categories", []))
    return dataclasses.replace(wm, exempt=exempt) if exempt else wm


def _wfo_max_table(v: dict[str, Any]) -> WfoMax:
    kind = v["kind"]
    if kind == "ppkm":
        table = {}
        for sector_key, areas in v["table"].items():
            sector = _sector(sector_key)
            table[sector] = {a: tuple(float(x) for x in areas[a])
                             for a in ("jawa_bali", "luar_jawa_bali")}
            if any(len(t) != 4 for t in table[sector].values()):
                raise ValueError("each PPKM row needs four figures (levels 1..4)")
        if set(table) != set(Sector):
            raise ValueError("the PPKM table needs rows for every sector")
        levels = {_region(k): int(x) for k, x in v.get("levels", {}).items()}
        default = int(v.get("default_level", 1))
        periods = _periods(v.get("periods", []))
        if any(not 1 <= x <= 4 for x in (*levels.values(), default,
                                          *(p.level for p in periods))):
            raise ParamError(Msg("level PPKM adalah 1..4", "PPKM levels are 1..4"))
        nearest = frozenset(_sector(k) for k in v.get("nearest", []))
        return WfoMax("ppkm", table=table, levels=levels, default_level=default,
                      periods=periods, nearest=nearest)
    if kind == "zone":
        zone_pct = {normalise(k): float(x) for k, x in v["zone_pct"].items()}
        zones = {_region(k): normalise(z) for k, z in v.get("zones", {}).items()}
        default_zone = normalise(v["default_zone"])
        for z in (*zones.values(), default_zone):
            if z not in zone_pct:
                raise ValueError(f"zone {z!r} has no figure in zone_pct")
        return WfoMax("zone", zone_pct=zone_pct, zones=zones, default_zone=default_zone)
    raise ValueError(f"wfo_max.kind is 'ppkm' or 'zone', not {kind!r}")


def _sector(key: str) -> Sector:
    sector = Sector.parse(key)
    if sector is None:
        raise ValueError(f"unknown sector {key!r}")
    return sector  # type: ignore[return-value]


_PERIOD = re.compile(r"\s*(.+?)\s*:\s*([\d-]*)\s*\.\.\s*([\d-]*)\s*:\s*(\d+)\s*")


def _periods(value: Any) -> tuple[LevelPeriod, ...]:
    """PPKM level periods from TOML tables (``region``, ``start``, ``end``, ``level``) or
    the text form ``Wilayah:MULAI..SELESAI:LEVEL; …`` (either date may be left out)."""
    if isinstance(value, str):
        items = []
        for part in (p for p in value.split(";") if p.strip()):
            m = _PERIOD.fullmatch(part)
            if m is None:
                raise ParamError(Msg(
                    f"periode PPKM {part.strip()!r} tidak berbentuk "
                    "Wilayah:YYYY-MM-DD..YYYY-MM-DD:LEVEL",
                    f"PPKM period {part.strip()!r} is not Wilayah:YYYY-MM-DD..YYYY-MM-DD:LEVEL"))
            items.append({"region": m.group(1), "start": m.group(2) or None,
                          "end": m.group(3) or None, "level": int(m.group(4))})
        value = items
    out = []
    for item in value:
        start = _date(item["start"]) if item.get("start") not in (None, "") else None
        end = _date(item["end"]) if item.get("end") not in (None, "") else None
        if start is not None and end is not None and end < start:
            raise ParamError(Msg(
                f"periode PPKM {item['region']} berakhir ({end}) sebelum mulai ({start})",
                f"PPKM period for {item['region']} ends ({end}) before it starts ({start})"))
        out.append(LevelPeriod(_region(item["region"]), start, end, int(item["level"])))
    return tuple(out)
