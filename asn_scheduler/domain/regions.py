"""Indonesian regions: the 38 provinces (with their aliases and former names) and, where a
rule needs them, kabupaten and kota. **The one place where region names are matched**:
a unit's ``Wilayah``, a scenario's region scope (rule E1), the PPKM tables' Jawa–Bali
split and their per-region levels (rule P1) all go through :func:`resolve` and
:func:`within`.

The data is ``asn_scheduler/data/provinces.toml`` (shipped with the package). A name is
matched after :func:`~asn_scheduler.domain.enums.normalise`, with dots dropped
(``D.I. Yogyakarta``) and a leading ``Provinsi``/``Prov.`` ignored. A kabupaten or kota is
written with its kind (``Kota Bandung``, ``Kab. Bandung``, ``Kabupaten Bandung``), and
may carry its province after a comma (``Kota Medan, Sumatera Utara``): that form is
needed outside the Jawa–Bali provinces, whose kabupaten/kota are not listed.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from asn_scheduler.domain.enums import normalise
from asn_scheduler.i18n import Msg


@dataclass(frozen=True, slots=True)
class Region:
    """A resolved region: a province, optionally one of its kabupaten/kota.

    ``province`` is the canonical province name (``DKI Jakarta``); ``kabkota`` the
    canonical kabupaten/kota (``Kota Bandung``, ``Kabupaten Bandung``) or ``None``;
    ``jawa_bali`` whether the province is in the PPKM tables' Jawa–Bali area.
    """

    province: str
    kabkota: str | None = None
    jawa_bali: bool = False

    @property
    def name(self) -> str:
        """How the region is written back: ``Jawa Barat`` or ``Kota Bandung, Jawa Barat``."""
        return self.province if self.kabkota is None else f"{self.kabkota}, {self.province}"

    def within(self, scope: Region) -> bool:
        """Whether this region lies in ``scope`` (a province covers its kabupaten/kota)."""
        return self.province == scope.province and (
            scope.kabkota is None or scope.kabkota == self.kabkota)


class RegionError(ValueError):
    """A name that is no known region; ``problem`` and ``fix`` say why and what to write
    (with the closest names)."""

    def __init__(self, problem: Msg, fix: Msg):
        self.problem, self.fix = problem, fix
        super().__init__(problem.en)


_KINDS = (("kabupaten administrasi", "Kabupaten"), ("kota administrasi", "Kota"),
          ("kota adm", "Kota"), ("kabupaten", "Kabupaten"), ("kotamadya", "Kota"),
          ("kodya", "Kota"), ("kab", "Kabupaten"), ("kota", "Kota"))
_PREFIX = re.compile(r"^(?:provinsi|propinsi|prov)\s+")


def _key(text: str) -> str:
    return " ".join(_PREFIX.sub("", normalise(text).replace(".", " ")).split())


@dataclass(frozen=True)
class _Data:
    provinces: dict[str, Region]          # key of every name and alias → province region
    kabkota: dict[str, list[Region]]      # key of "kota x" / "kabupaten x" → regions
    bare: dict[str, list[Region]]         # key of "x" → kabupaten/kota named x
    names: tuple[str, ...]                # display names for suggestions


@cache
def _data() -> _Data:
    text = resources.files("asn_scheduler").joinpath("data/provinces.toml").read_text("utf-8")
    provinces: dict[str, Region] = {}
    kabkota: dict[str, list[Region]] = {}
    bare: dict[str, list[Region]] = {}
    names: list[str] = []
    for p in tomllib.loads(text)["province"]:
        region = Region(p["name"], None, bool(p.get("jawa_bali", False)))
        names.append(p["name"])
        for n in (p["name"], *p.get("aliases", ())):
            provinces[_key(n)] = region
        for kind, field in (("Kabupaten", "kabupaten"), ("Kota", "kota")):
            for n in p.get(field, ()):
                r = Region(p["name"], f"{kind} {n}", region.jawa_bali)
                kabkota.setdefault(_key(f"{kind} {n}"), []).append(r)
                bare.setdefault(_key(n), []).append(r)
                names.append(r.kabkota)  # type: ignore[arg-type]
    return _Data(provinces, kabkota, bare, tuple(names))


def province_names() -> tuple[str, ...]:
    """The 38 canonical province names, in the data file's order."""
    return tuple(dict.fromkeys(r.province for r in _data().provinces.values()))


def region_choices() -> tuple[str, ...]:
    """Names for a dropdown: the 38 provinces, then the listed kabupaten/kota (each
    resolves on its own; other kabupaten/kota are written with their province)."""
    return _data().names


def is_jawa_bali(region: str | None) -> bool:
    """Whether ``region`` lies in the PPKM tables' Jawa–Bali area (unknown or blank: no)."""
    r = find_region(region)
    return r is not None and r.jawa_bali


def _split_kind(key: str) -> tuple[str, str] | None:
    for prefix, kind in _KINDS:
        if key.startswith(prefix + " "):
            return kind, key[len(prefix) + 1:]
    return None


def suggestions(text: str, n: int = 3) -> list[str]:
    """The closest known region names to ``text`` (best first)."""
    d = _data()
    keys = {**{k: r.province for k, r in d.provinces.items()},
            **{k: rs[0].kabkota for k, rs in d.kabkota.items()}}
    close = difflib.get_close_matches(_key(text), list(keys), n=n * 3, cutoff=0.6)
    return list(dict.fromkeys(keys[k] for k in close))[:n]  # type: ignore[misc]


_FIX_FORMS = Msg("Tulis nama provinsi (mis. DKI Jakarta, Jawa Barat, DI Yogyakarta) atau "
                 "kabupaten/kota dengan provinsinya (mis. Kota Medan, Sumatera Utara).",
                 "Write a province name (e.g. DKI Jakarta, Jawa Barat, DI Yogyakarta) or a "
                 "kabupaten/kota with its province (e.g. Kota Medan, Sumatera Utara).")


def _unknown(text: str, extra: Msg | None = None) -> RegionError:
    near = suggestions(text)
    if near:
        fix = Msg("Maksud Anda: {s}? ", "Did you mean: {s}? ").format(s=" / ".join(near))
        fix = Msg(fix.id + _FIX_FORMS.id, fix.en + _FIX_FORMS.en)
    else:
        fix = _FIX_FORMS
    problem = extra or Msg("Wilayah tidak dikenal: {t}.", "Unknown region: {t}.").format(t=text)
    return RegionError(problem, fix)


@cache
def resolve(text: str) -> Region:
    """The region named by ``text``.

    Raises
    ------
    RegionError
        Unknown or ambiguous name (the fix names the closest regions).
    """
    d = _data()
    parts = [p for p in re.split(r"[,;/]", text) if p.strip()]
    if not parts:
        raise _unknown(text)
    if len(parts) > 2:
        raise _unknown(text)
    if len(parts) == 2:
        province = d.provinces.get(_key(parts[1]))
        if province is None:
            raise _unknown(parts[1].strip())
        head = _key(parts[0])
        if head in d.provinces and d.provinces[head].province == province.province:
            return province
        split = _split_kind(head)
        if split is None:
            raise _unknown(text, Msg(
                "Tulis jenis daerahnya: Kabupaten atau Kota ({t}).",
                "Say which kind of district: Kabupaten or Kota ({t}).").format(t=text))
        kind, name = split
        for r in d.kabkota.get(_key(f"{kind} {name}"), ()):
            if r.province == province.province:
                return r
        if any(r.province == province.province for rs in d.kabkota.values() for r in rs):
            # a listed province: its kabupaten/kota are known, so this one is a typo
            raise _unknown(f"{kind} {name}")
        return Region(province.province, f"{kind} {name.title()}", province.jawa_bali)
    key = _key(parts[0])
    if key in d.provinces:
        return d.provinces[key]
    if key in d.kabkota:
        found = d.kabkota[key]
        if len(found) == 1:
            return found[0]
    split = _split_kind(key)
    if split is not None:
        found = d.kabkota.get(_key(f"{split[0]} {split[1]}"), [])
        if len(found) == 1:
            return found[0]
        if not found:
            raise _unknown(text, Msg(
                "Kabupaten/kota {t} tidak dikenal tanpa provinsinya.",
                "Kabupaten/kota {t} is not known without its province.").format(t=text))
    elif key in d.bare:
        found = d.bare[key]
        if len(found) == 1:
            return found[0]
        raise RegionError(
            Msg("Nama wilayah {t} tidak jelas.", "Region name {t} is ambiguous.").format(t=text),
            Msg("Tulis salah satu: {s}.", "Write one of: {s}.").format(
                s=" / ".join(r.kabkota for r in found)))  # type: ignore[misc]
    raise _unknown(text)


def find_region(text: str | None) -> Region | None:
    """:func:`resolve`, or ``None`` for a blank or unknown name."""
    if text is None or not str(text).strip():
        return None
    try:
        return resolve(str(text))
    except RegionError:
        return None


def within(region: str | None, scope: str) -> bool:
    """Whether a unit whose ``Wilayah`` is ``region`` lies in ``scope`` (a province or a
    kabupaten/kota). A blank region lies in no scope; a name that is no known region
    matches only the same name (after :func:`normalise`), so a problem built outside the
    reader behaves as before."""
    if region is None or not str(region).strip():
        return False
    r, s = find_region(region), find_region(scope)
    if r is None or s is None:
        return normalise(region) == normalise(scope)
    return r.within(s)


def canonical(text: str) -> str:
    """The canonical name of ``text`` (:attr:`Region.name`); raises :class:`RegionError`."""
    return resolve(text).name


def display_name(region: str) -> str:
    """How a region is written for people: its canonical name (``DKI`` → ``DKI Jakarta``),
    or the text as given when the regions data does not know it."""
    try:
        return resolve(region).name
    except RegionError:
        return region
