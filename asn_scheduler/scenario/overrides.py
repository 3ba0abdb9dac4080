"""Scenario parameters set for one run, without editing a TOML file.

``--set KEY=VALUE`` on the command line and the rows of the workbook's ``Pengaturan``
sheet both become :class:`~asn_scheduler.scenario.model.Override` records; the loader
patches them into the scenario file's data before it builds the scenario, so an override
is validated exactly as the same value in a TOML file would be.

Keys are those of the scenario files, with the ``[policy]`` table implied:
every :class:`~asn_scheduler.scenario.model.Policy` field (so a field added there is a key
at once), ``wfh_cap_pct.<category>`` (or ``wfh_cap_pct`` for every category but direct
services), ``wfo_max.default_level``, ``wfo_max.levels.<region>``, ``wfo_max.periods``,
``wfo_max.default_zone``, ``wfo_max.zones.<region>``, ``max_consecutive_wfh``,
``goals.order`` and ``window.regions``. A key applies to the scenario's own regime (its
window); ``baseline.KEY`` applies to its baseline regime, and what the scenario file
does not set itself follows the baseline.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from asn_scheduler.domain.enums import ServiceCategory
from asn_scheduler.i18n import Msg
from asn_scheduler.scenario.errors import ParamError
from asn_scheduler.scenario.model import Override, Policy

BASELINE = "baseline."


@dataclass(frozen=True)
class ParamKey:
    """One settable key: its pattern (``<wilayah>`` marks a free region part), the rule
    it belongs to, and a bilingual note."""

    key: str
    rule: str
    note: Msg


_NOTES: dict[str, tuple[str, Msg]] = {
    "direct_service_wfo": ("S1", Msg("unit layanan langsung 100% WFO (true/false)",
                                     "direct-service units 100% WFO (true/false)")),
    "senior_levels_wfo": ("L1", Msg("jumlah level struktural tertinggi yang WFO (0 = mati)",
                                    "how many top structural levels are WFO (0 = off)")),
    "role_minimums": ("S3", Msg("minimal peran hadir berlaku (true/false)",
                                "role minimums apply (true/false)")),
    "building_capacity": ("B1", Msg("kapasitas gedung berlaku (true/false)",
                                    "building capacity applies (true/false)")),
    "max_flex_days_per_week": ("F1", Msg("hari WFH per minggu per pegawai (false = tanpa batas)",
                                         "WFH days per person per week (false = no cap)")),
    "counts_toward_flex_cap": ("F1", Msg("hari WFH rezim ini dihitung dalam batas mingguan",
                                         "WFH days of this regime count towards the weekly cap")),
    "eligibility": ("F2-F4", Msg("syarat yang berlaku, mis. F2;F3;F4",
                                 "eligibility rules in force, e.g. F2;F3;F4")),
    "new_employee_days": ("F3", Msg("hari di jabatan sebelum tidak lagi pegawai baru",
                                    "days in the position before one is no longer new")),
    "wfh_goal": ("Q0", Msg("fill, none, atau hari WFH per minggu",
                           "fill, none, or WFH days per week")),
    "unit_cap_applies": ("S2", Msg("Batas WFH (%) unit berlaku (true/false)",
                                   "the unit's Batas WFH (%) applies (true/false)")),
    "office_days": ("K1", Msg("hari wajib kantor: hari (Senin), tanggal tiap bulan (17) atau "
                              "tanggal (2026-08-17), dipisah ;",
                              "compulsory office days: weekday (Senin), day of the month (17) "
                              "or date (2026-08-17), separated by ;")),
    "wfh_cap_pct": ("S2", Msg("batas WFH % untuk semua kategori selain layanan langsung",
                              "WFH cap % for every category but direct services")),
    "wfo_max.default_level": ("P1", Msg("level PPKM bawaan (1..4)", "default PPKM level (1..4)")),
    "wfo_max.levels.<wilayah>": ("P1", Msg("level PPKM satu wilayah sepanjang jendela",
                                           "PPKM level of one region for the whole window")),
    "wfo_max.periods": ("P1", Msg("level PPKM per wilayah dan tanggal: "
                                  "Wilayah:MULAI..SELESAI:LEVEL; …",
                                  "PPKM level by region and dates: "
                                  "Region:START..END:LEVEL; …")),
    "wfo_max.default_zone": ("P1", Msg("zona risiko bawaan (SE 67/2020)",
                                       "default risk zone (SE 67/2020)")),
    "wfo_max.zones.<wilayah>": ("P1", Msg("zona risiko satu wilayah", "risk zone of one region")),
    "max_consecutive_wfh": ("Q3", Msg("hari WFH berturut-turut paling banyak",
                                      "most WFH days in a row")),
    "goals.order": ("Q0-Q4", Msg("urutan tujuan, mis. Q0;Q1;Q2;Q3;Q4",
                                 "goal order, e.g. Q0;Q1;Q2;Q3;Q4")),
    "window.regions": ("E1", Msg("wilayah berlakunya skenario (kosong = nasional)",
                                 "regions the scenario covers (empty = national)")),
}
_OTHER = ("", Msg("parameter kebijakan", "policy parameter"))
_SKIP = {"wfo_max"}  # a table: set through its own keys


def known_keys() -> tuple[ParamKey, ...]:
    """Every settable key (without the ``baseline.`` prefix), policy fields first in
    :class:`Policy` order, then the nested and scenario-level keys."""
    out = []
    for f in dataclasses.fields(Policy):
        if f.name in _SKIP:
            continue
        rule, note = _NOTES.get(f.name, _OTHER)
        out.append(ParamKey(f.name, rule, note))
    for c in ServiceCategory:
        out.append(ParamKey(f"wfh_cap_pct.{c.value}", "S2",
                            Msg(f"batas WFH % unit {c.label_id}", f"WFH cap % of {c.label_en} "
                                "units")))
    for key in ("wfo_max.default_level", "wfo_max.levels.<wilayah>", "wfo_max.periods",
                "wfo_max.default_zone", "wfo_max.zones.<wilayah>", "max_consecutive_wfh",
                "goals.order", "window.regions"):
        rule, note = _NOTES[key]
        out.append(ParamKey(key, rule, note))
    return tuple(out)


class OverrideKeyError(ValueError):
    """A key that is not settable; ``msg`` says so with the closest keys."""

    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(msg.en)


def _pattern(key: str) -> str:
    """``wfo_max.levels.Kota Bandung`` → ``wfo_max.levels.<wilayah>``."""
    for head in ("wfo_max.levels.", "wfo_max.zones."):
        if key.startswith(head) and len(key) > len(head):
            return head + "<wilayah>"
    return key


def check_key(key: str) -> str:
    """``key`` normalised (lower case, spaces trimmed; the region part kept as typed).

    Raises
    ------
    OverrideKeyError
        Not a settable key (the message suggests the closest ones).
    """
    raw = key.strip()
    base = raw[len(BASELINE):] if raw.lower().startswith(BASELINE) else raw
    prefix = raw[: len(raw) - len(base)].lower()
    head, _, tail = base.partition(".")
    if head.lower() == "wfo_max" and tail.lower().startswith(("levels.", "zones.")):
        sub, _, region = tail.partition(".")
        norm = f"wfo_max.{sub.lower()}.{region.strip()}"
    else:
        norm = base.lower().replace(" ", "_").replace("-", "_")
    known = {k.key for k in known_keys()}
    if _pattern(norm) in known:
        return prefix + norm
    near = difflib.get_close_matches(_pattern(norm), sorted(known), n=3, cutoff=0.5)
    hint = Msg(" Maksud Anda: {s}?", " Did you mean: {s}?").format(s=", ".join(near)) \
        if near else Msg("", "")
    raise OverrideKeyError(Msg(
        f"Kunci parameter tidak dikenal: {key}.{hint.id} Daftar kunci: "
        "asn-scheduler scenarios keys.",
        f"Unknown parameter key: {key}.{hint.en} List of keys: asn-scheduler scenarios keys."))


def parse_set(text: str, source: str = "cli", row: int | None = None) -> Override:
    """An :class:`Override` from ``KEY=VALUE`` (the key checked, the value kept as typed).

    Raises
    ------
    OverrideKeyError
        No ``=``, or an unknown key.
    """
    key, eq, value = text.partition("=")
    if not eq or not key.strip():
        raise OverrideKeyError(Msg(
            f"--set perlu bentuk KUNCI=NILAI, tertulis {text!r}.",
            f"--set needs the form KEY=VALUE, got {text!r}."))
    return Override(check_key(key), value.strip(), source, row)


_TRUE = {"ya", "y", "yes", "true", "benar"}
_FALSE = {"tidak", "t", "no", "false", "salah"}
_LISTS = {"eligibility", "office_days", "goals.order", "window.regions"}


def value_of(text: str) -> Any:
    """A typed value for what a planner typed: yes/no words → bool, a TOML literal (number,
    date, ``[list]``) → that value, anything else → the text itself."""
    t = text.strip()
    if t.lower() in _TRUE:
        return True
    if t.lower() in _FALSE:
        return False
    try:
        return tomllib.loads(f"v = {t}")["v"]
    except tomllib.TOMLDecodeError:
        return t


def _split(value: Any) -> Any:
    if isinstance(value, str):
        return [p.strip() for p in re.split(r"[;,]", value) if p.strip()]
    return value


def apply(data: dict[str, Any], overrides: Sequence[Override],
          base_caps: dict[str, float] | None = None) -> dict[str, Any]:
    """A copy of a scenario file's ``data`` with ``overrides`` (own keys, no
    ``baseline.`` prefix) patched in, later ones winning. ``base_caps`` are the caps the
    scenario inherits (a single category set where the file lists none starts from them).
    """
    out = copy.deepcopy(data)
    policy = out.setdefault("policy", {})
    for o in overrides:
        key, value = o.key, value_of(o.value)
        if _pattern(key) in _LISTS or key in _LISTS:
            value = _split(value) if not (key == "window.regions" and value == "") else []
        if key == "max_consecutive_wfh":
            out.setdefault("goals", {})[key] = value
        elif key == "goals.order":
            out.setdefault("goals", {})["order"] = value
        elif key == "window.regions":
            out.setdefault("window", {"ranges": [[]]})["regions"] = value
        elif key == "wfh_cap_pct":
            policy[key] = {c.value: value for c in ServiceCategory
                           if c is not ServiceCategory.LAYANAN_LANGSUNG}
        elif key.startswith("wfh_cap_pct."):
            caps = policy.setdefault("wfh_cap_pct", dict(base_caps or {}))
            caps[key.split(".", 1)[1]] = value
        elif key.startswith("wfo_max."):
            wm = policy.get("wfo_max")
            if not isinstance(wm, dict):
                raise ParamError(Msg(f"{key}: skenario ini tidak punya tabel PPKM/zona (aturan P1)",
                                     f"{key}: this scenario has no PPKM/zone table (rule P1)"))
            _, sub, region = [*key.split(".", 2), ""][:3]
            if sub in ("levels", "zones"):
                wm.setdefault(sub, {})[region] = value
            else:
                wm[sub] = value
        else:
            policy[key] = value
    return out
