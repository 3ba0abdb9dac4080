"""Sheets ``Pengaturan`` (settings) and ``Level PPKM``, and the ``Wilayah`` column of sheet
``Unit``: checked against their catalogues, problems collected with a "did you mean".

- ``Pengaturan``: every key is one of :data:`SETTING_KEYS` (the agency's name, the
  signatory) or a scenario parameter key (:func:`asn_scheduler.scenario.overrides.check_key`);
  an unknown key is an error, never ignored; a blank value means "not set".
- ``Level PPKM``: a known region, a level 1..4 (dates are checked with the other ranges).
- ``Wilayah``: a known province or kabupaten/kota (:mod:`asn_scheduler.domain.regions`),
  rewritten to its canonical name.
"""

from __future__ import annotations

import difflib
from datetime import date
from types import MappingProxyType
from typing import Any

from asn_scheduler.domain.enums import normalise
from asn_scheduler.domain.model import PpkmLevel
from asn_scheduler.domain.nip import parse_nip
from asn_scheduler.domain.parsing import Invalid
from asn_scheduler.domain.regions import RegionError, resolve
from asn_scheduler.excel.reader_table import Collector, Row, Table
from asn_scheduler.i18n import Msg
from asn_scheduler.scenario.overrides import OverrideKeyError, check_key, known_keys

SETTING_KEYS: dict[str, tuple[str, ...]] = {
    "agency_name": ("Nama Instansi", "Instansi", "agency"),
    "sign_place": ("Tempat", "Tempat Penandatanganan", "place"),
    "sign_title": ("Jabatan Penandatangan", "signatory title"),
    "sign_name": ("Nama Penandatangan", "signatory name"),
    "sign_nip": ("NIP Penandatangan", "signatory nip"),
}
"""Non-scenario keys of ``Pengaturan`` (canonical → Indonesian and English aliases)."""

_ALIAS = {normalise(a): k for k, names in SETTING_KEYS.items() for a in (k, *names)}


def setting_key(text: str) -> str:
    """The canonical key for what a planner typed in column ``Kunci``.

    Raises
    ------
    OverrideKeyError
        Neither a setting nor a scenario parameter key (with the closest keys).
    """
    if (k := _ALIAS.get(normalise(text))) is not None:
        return k
    try:
        return check_key(text)
    except OverrideKeyError:
        pool = [*SETTING_KEYS, *(a for n in SETTING_KEYS.values() for a in n[:1]),
                *(k.key for k in known_keys())]
        near = difflib.get_close_matches(text.strip(), pool, n=3, cutoff=0.5)
        hint = f" {', '.join(near)}?" if near else ""
        raise OverrideKeyError(Msg(
            f"Kunci tidak dikenal: {text}." + (f" Maksud Anda:{hint}" if near else ""),
            f"Unknown key: {text}." + (f" Did you mean:{hint}" if near else ""))) from None


def _problem(found: Collector, table: Table, row: Row, key: str, value: Any, problem: Msg,
             fix: Msg) -> None:
    row.failed.add(key)
    found.add(table.sheet, row.number, table.headers[key], value, problem, fix,
              position=table.positions[key])


_KEYS_FIX = Msg("Pakai kunci yang dikenal (daftar: asn-scheduler scenarios keys; juga "
                "Nama Instansi, Tempat, Jabatan Penandatangan, Nama Penandatangan, "
                "NIP Penandatangan) atau hapus baris ini.",
                "Use a known key (list: asn-scheduler scenarios keys; also agency_name, "
                "sign_place, sign_title, sign_name, sign_nip) or delete this row.")


def check_settings(table: Table, found: Collector) -> None:
    """Canonical keys in ``Kunci``; unknown and repeated keys are errors."""
    first: dict[str, int] = {}
    for row in table.rows:
        raw = row.values.get("key")
        if raw is None or "key" in row.failed:
            continue
        try:
            key = setting_key(raw)
        except OverrideKeyError as exc:
            _problem(found, table, row, "key", raw, exc.msg, _KEYS_FIX)
            continue
        if key in first:
            _problem(found, table, row, "key", raw,
                     Msg(f"Kunci {key} sudah ada di baris {first[key]}.",
                         f"Key {key} is already in row {first[key]}."),
                     Msg("Sebut setiap kunci sekali.", "Give each key once."))
            continue
        first[key] = row.number
        row.values["key"] = key
        if key == "sign_nip" and row.values.get("value") is not None:
            got = parse_nip(row.values["value"], today=date.today())
            if isinstance(got, Invalid):
                _problem(found, table, row, "value", row.values["value"], got.problem, got.fix)


def check_ppkm_levels(table: Table, found: Collector) -> None:
    """Known regions (canonical names) and levels 1..4."""
    for row in table.rows:
        region = row.values.get("region")
        if region is not None and "region" not in row.failed:
            try:
                row.values["region"] = resolve(region).name
            except RegionError as exc:
                _problem(found, table, row, "region", region, exc.problem, exc.fix)
        level = row.values.get("level")
        if level is not None and "level" not in row.failed and not 1 <= level <= 4:
            _problem(found, table, row, "level", level,
                     Msg("Level PPKM harus 1, 2, 3 atau 4.", "A PPKM level is 1, 2, 3 or 4."),
                     Msg("Isi level dari Inmendagri untuk wilayah dan tanggal itu.",
                         "Enter the level the Inmendagri set for that region and dates."))


def check_regions(units: Table, found: Collector) -> None:
    """Column ``Wilayah`` of sheet ``Unit``: a known region, rewritten canonical."""
    if "region" not in units.headers:
        return
    for row in units.rows:
        region = row.values.get("region")
        if region is None or "region" in row.failed:
            continue
        try:
            row.values["region"] = resolve(region).name
        except RegionError as exc:
            _problem(found, units, row, "region", region, exc.problem, exc.fix)


def settings_of(table: Table | None) -> tuple[MappingProxyType, MappingProxyType]:
    """``(settings, rows)`` from an error-free ``Pengaturan`` table: key → value as typed
    (blank values left out), key → sheet row."""
    if table is None:
        return MappingProxyType({}), MappingProxyType({})
    values, rows = {}, {}
    for row in table.rows:
        key, value = row.values.get("key"), row.values.get("value")
        if key is None or value is None or not str(value).strip():
            continue
        values[key], rows[key] = str(value).strip(), row.number
    return MappingProxyType(values), MappingProxyType(rows)


def ppkm_levels_of(table: Table | None) -> tuple[PpkmLevel, ...]:
    """The rows of an error-free ``Level PPKM`` table, in sheet order."""
    if table is None:
        return ()
    return tuple(PpkmLevel(r.values["region"], r.values.get("start"), r.values.get("end"),
                           int(r.values["level"]), r.number) for r in table.rows)
