"""Reading scenario TOML files (``scenarios/*.toml``) into :class:`Scenario` objects."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from asn_scheduler.domain.enums import Sector, ServiceCategory, normalise
from asn_scheduler.domain.model import Period
from asn_scheduler.i18n import Msg
from asn_scheduler.scenario.model import GOAL_IDS, Policy, Scenario, WfoMax, Window

OFFICE_ID = "kantor"


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


def load_scenario(name_or_path: str | Path, _seen: tuple[str, ...] = ()) -> Scenario:
    """Load a shipped scenario by ID (``se-17-2023``) or a TOML file by path.

    Raises
    ------
    ScenarioError
        Unknown name, unreadable TOML, or an invalid parameter (the message names it).
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
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ScenarioError(Msg(
            "Berkas skenario {p} tidak dapat dibaca: {e}", "Scenario file {p} cannot be read: {e}"
        ).format(p=path, e=exc)) from None
    try:
        return _build(data, path, _seen)
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, ScenarioError):
            raise
        raise ScenarioError(Msg(
            "Berkas skenario {p} tidak valid: {e}", "Scenario file {p} is invalid: {e}"
        ).format(p=path, e=exc)) from None


def _date(v: Any) -> date:
    return v if isinstance(v, date) else date.fromisoformat(str(v))


def _build(data: dict[str, Any], path: Path, seen: tuple[str, ...]) -> Scenario:
    sid = str(data.get("id", path.stem))
    if sid in seen:
        raise ValueError(f"baseline cycle: {' -> '.join((*seen, sid))}")
    base_id = str(data.get("baseline", OFFICE_ID))
    baseline = None if base_id == OFFICE_ID else load_scenario(base_id, (*seen, sid))
    policy = _policy(data.get("policy", {}), baseline.policy if baseline else Policy())
    window = None
    if "window" in data:
        w = data["window"]
        ranges = tuple(
            (_date(r[0]), _date(r[1]) if len(r) > 1 and r[1] not in ("", None) else None)
            for r in w["ranges"]
        )
        for a, b in ranges:
            if b is not None and b < a:
                raise ValueError(f"window range {a}..{b} ends before it starts")
        window = Window(ranges, frozenset(normalise(r) for r in w.get("regions", [])))
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
        rule_basis={str(k): str(v) for k, v in data.get("rule_basis", {}).items()},
    )


def _category(key: str) -> ServiceCategory:
    cat = ServiceCategory.parse(key)
    if cat is None:
        raise ValueError(f"unknown service category {key!r}")
    return cat  # type: ignore[return-value]


def _policy(p: dict[str, Any], base: Policy) -> Policy:
    changes: dict[str, Any] = {}
    for key, value in p.items():
        if key == "wfh_cap_pct":
            caps = {_category(k): float(v) for k, v in value.items()}
            if any(not 0 <= v <= 100 for v in caps.values()):
                raise ValueError("wfh_cap_pct values must be within 0..100")
            changes[key] = caps
        elif key == "max_flex_days_per_week":
            changes[key] = None if value is False else int(value)
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
                     "counts_toward_flex_cap"):
            changes[key] = bool(value)
        elif key in ("senior_levels_wfo", "new_employee_days"):
            changes[key] = int(value)
        elif key in ("senior_levels", "senior_rule"):
            changes[key] = value  # Policy validates both
        else:
            raise ValueError(f"unknown policy parameter {key!r}")
    return base.replace(**changes)


def _wfo_max(v: dict[str, Any]) -> WfoMax:
    wm = _wfo_max_table(v)
    exempt = frozenset(_category(k) for k in v.get("exempt_categories", []))
    return dataclasses.replace(wm, exempt=exempt) if exempt else wm


def _wfo_max_table(v: dict[str, Any]) -> WfoMax:
    kind = v["kind"]
    if kind == "ppkm":
        table = {}
        for sector_key, areas in v["table"].items():
            sector = Sector.parse(sector_key)
            if sector is None:
                raise ValueError(f"unknown sector {sector_key!r}")
            table[sector] = {a: tuple(float(x) for x in areas[a])
                             for a in ("jawa_bali", "luar_jawa_bali")}
            if any(len(t) != 4 for t in table[sector].values()):
                raise ValueError("each PPKM row needs four figures (levels 1..4)")
        if set(table) != set(Sector):
            raise ValueError("the PPKM table needs rows for every sector")
        levels = {normalise(k): int(x) for k, x in v.get("levels", {}).items()}
        default = int(v.get("default_level", 1))
        if any(not 1 <= x <= 4 for x in (*levels.values(), default)):
            raise ValueError("PPKM levels are 1..4")
        return WfoMax("ppkm", table=table, levels=levels, default_level=default)
    if kind == "zone":
        zone_pct = {normalise(k): float(x) for k, x in v["zone_pct"].items()}
        zones = {normalise(k): normalise(z) for k, z in v.get("zones", {}).items()}
        default_zone = normalise(v["default_zone"])
        for z in (*zones.values(), default_zone):
            if z not in zone_pct:
                raise ValueError(f"zone {z!r} has no figure in zone_pct")
        return WfoMax("zone", zone_pct=zone_pct, zones=zones, default_zone=default_zone)
    raise ValueError(f"wfo_max.kind is 'ppkm' or 'zone', not {kind!r}")
