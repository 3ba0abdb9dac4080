"""Enumerations of the domain, each with its Indonesian and English names.

Every member carries ``label_id`` (what a planner types and reads), ``label_en`` and
extra ``aliases``. :meth:`LabelledEnum.parse` accepts any of them under the workbook
matching rules (case-insensitive; spaces, ``_`` and ``-`` alike).
"""

from __future__ import annotations

import re
from enum import Enum, IntEnum
from functools import cache

_SEP = re.compile(r"[\s_\-]+")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def normalise(text: object) -> str:
    """Canonical form of a header or enumeration value.

    Lower case, surrounding space stripped, runs of spaces, ``_`` and ``-`` folded to one
    space: ``"Kode_Unit "``, ``"KODE-UNIT"`` and ``"kode unit"`` all give ``"kode unit"``.
    Invisible characters (a BOM from a CSV export, zero-width spaces, direction marks) are
    dropped, so a header that looks right matches.
    """
    text = str(text)
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    return _SEP.sub(" ", text.strip().lower()).strip()


class LabelledEnum(Enum):
    """An enum whose members have Indonesian and English labels and aliases.

    Subclasses define members as ``NAME = (value, label_id, label_en, (alias, ...))``.
    """

    label_id: str
    label_en: str
    aliases: tuple[str, ...]

    def __new__(cls, value: str, label_id: str, label_en: str, aliases: tuple[str, ...] = ()):
        obj = object.__new__(cls)
        obj._value_ = value
        obj.label_id = label_id
        obj.label_en = label_en
        obj.aliases = aliases
        return obj

    def label(self, lang: str = "id") -> str:
        """The member's name in ``lang``."""
        return self.label_en if lang == "en" else self.label_id

    @classmethod
    def parse(cls, text: object) -> LabelledEnum | None:
        """The member named by ``text`` (any label, alias or value), or ``None``."""
        return _lookup(cls).get(normalise(text))

    @classmethod
    def choices(cls) -> list[str]:
        """Indonesian labels, in declaration order (for dropdowns and messages)."""
        return [m.label_id for m in cls]

    def __str__(self) -> str:
        return self.label_id


@cache
def _lookup(cls: type[LabelledEnum]) -> dict[str, LabelledEnum]:
    table: dict[str, LabelledEnum] = {}
    for member in cls:
        for name in (member.value, member.label_id, member.label_en, member.name, *member.aliases):
            table.setdefault(normalise(name), member)
    return table


class PositionLevel(LabelledEnum):
    """Jenis Jabatan (UU 20/2023). Declaration order is seniority, highest first."""

    JPT_UTAMA = ("jpt_utama", "JPT Utama", "JPT Utama (top executive)")
    JPT_MADYA = ("jpt_madya", "JPT Madya", "JPT Madya (senior executive)")
    JPT_PRATAMA = ("jpt_pratama", "JPT Pratama", "JPT Pratama (executive)")
    ADMINISTRATOR = ("administrator", "Administrator", "Administrator")
    PENGAWAS = ("pengawas", "Pengawas", "Supervisor")
    FUNGSIONAL = ("fungsional", "Fungsional", "Functional", ("functional",))
    PELAKSANA = ("pelaksana", "Pelaksana", "Executor", ("staff", "fungsional umum"))

    @classmethod
    def parse(cls, text: object) -> PositionLevel | None:
        """The level named by ``text``: a label, an alias, or a legacy eselon in any common
        form (``Eselon I.a``, ``I.a``, ``Ia``, ``I a``, ``IIb``, ``Eselon II/b``, ``eselon 2``,
        ``Es. III``…).

        Eselon I (I.a and I.b: Sekjen, Dirjen, Deputi) is JPT Madya, II JPT Pratama, III
        Administrator, IV Pengawas, V Pelaksana (UU 5/2014 Ps 131; regulations §7.1). JPT
        Utama (the head of a non-ministerial agency, sometimes also graded I.a) has no eselon
        form: name it as ``JPT Utama``.
        """
        found = _lookup(cls).get(normalise(text))
        if found is None:
            found = _eselon(str(text))
        return found  # type: ignore[return-value]

    @property
    def rank(self) -> int:
        """0 for the highest level, increasing downwards."""
        return _LEVEL_RANK[self]

    @property
    def structural(self) -> bool:
        """Whether the level is a structural (managerial) one: JPT, Administrator, Pengawas."""
        return self.rank <= PositionLevel.PENGAWAS.rank


_LEVEL_RANK: dict[PositionLevel, int] = {level: i for i, level in enumerate(PositionLevel)}

_ESELON_RE = re.compile(
    r"^(?:(?:eselon|esel|esl|es)\.?\s*(?P<any>iv|v|i{1,3}|[1-5])|(?P<roman>iv|v|i{1,3}))"
    r"\s*[./\-]?\s*(?P<sub>[ab])?\.?$")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}
_BY_ESELON: dict[int, PositionLevel] = {
    1: PositionLevel.JPT_MADYA, 2: PositionLevel.JPT_PRATAMA, 3: PositionLevel.ADMINISTRATOR,
    4: PositionLevel.PENGAWAS, 5: PositionLevel.PELAKSANA,
}


def _eselon(text: str) -> PositionLevel | None:
    """The level of a legacy eselon written in any common form, or ``None``."""
    m = _ESELON_RE.match(_SEP.sub(" ", text.strip().lower()))
    if m is None:
        return None
    grade = m.group("any") or m.group("roman")  # a bare number needs the word "eselon"
    return _BY_ESELON[int(grade) if grade.isdigit() else _ROMAN[grade]]


class ServiceCategory(LabelledEnum):
    """Kategori Layanan of a unit (SE MenPANRB 17/2023, 1/2024)."""

    LAYANAN_LANGSUNG = ("layanan_langsung", "Layanan Langsung", "Direct public service", ("front-line", "frontline", "direct", "direct service"))
    ADMINISTRASI = ("administrasi_pemerintahan", "Administrasi Pemerintahan", "Government administration", ("admin", "administrasi", "administration"))
    DUKUNGAN_PIMPINAN = ("dukungan_pimpinan", "Dukungan Pimpinan", "Leadership support", ("leadership support", "leadership"))


class Sector(LabelledEnum):
    """PPKM-era sector of a unit (Inmendagri; SE MenPANRB 23/2021 and amendments)."""

    NON_ESENSIAL = ("non_esensial", "Non-esensial", "Non-essential", ("nonesensial", "non essential", "nonessential"))
    ESENSIAL = ("esensial", "Esensial", "Essential", ("essential",))
    KRITIKAL = ("kritikal", "Kritikal", "Critical", ("kritis", "critical"))


class Discipline(LabelledEnum):
    """Hukuman Disiplin status (PermenPANRB 4/2025 Ps 25)."""

    TIDAK = ("tidak", "Tidak", "None", ("none", "no", "t", "n", "0", "false"))
    DALAM_PROSES = ("dalam_proses", "Dalam Proses", "In process", ("in process", "proses"))
    SEDANG_MENJALANI = ("sedang_menjalani", "Sedang Menjalani", "Serving", ("serving", "menjalani"))


class AbsenceKind(LabelledEnum):
    """Jenis of a row in sheet ``Cuti``; each maps to a roster code."""

    CUTI_TAHUNAN = ("cuti_tahunan", "Cuti Tahunan", "Annual leave", ("annual leave", "annual"))
    CUTI_SAKIT = ("cuti_sakit", "Cuti Sakit", "Sick leave", ("sick leave", "sick", "sakit"))
    CUTI_MELAHIRKAN = ("cuti_melahirkan", "Cuti Melahirkan", "Maternity leave", ("maternity leave", "maternity"))
    CUTI_ALASAN_PENTING = ("cuti_alasan_penting", "Cuti Alasan Penting", "Compassionate leave", ("compassionate leave", "important reasons leave"))
    CUTI_BESAR = ("cuti_besar", "Cuti Besar", "Long service leave", ("long service leave", "long leave"))
    DINAS_LUAR = ("dinas_luar", "Dinas Luar", "Official travel", ("official travel", "travel", "dl"))
    DIKLAT = ("diklat", "Diklat", "Training", ("training", "pelatihan"))

    @property
    def code(self) -> Code:
        """The roster code written for a day of this absence."""
        if self is AbsenceKind.DINAS_LUAR:
            return Code.DL
        if self is AbsenceKind.DIKLAT:
            return Code.DIKLAT
        return Code.CUTI


class OverrideKind(LabelledEnum):
    """Jenis of a row in sheet ``Libur``."""

    LIBUR = ("libur", "Libur", "Day off", ("day off", "holiday", "off"))
    MASUK = ("masuk", "Masuk", "Working day", ("working day", "work", "kerja"))


class Weekday(LabelledEnum):
    """Days of the week, Monday first (``int(day)`` is Python's ``date.weekday()``)."""

    SENIN = ("0", "Senin", "Monday", ("mon", "sen"))
    SELASA = ("1", "Selasa", "Tuesday", ("tue", "sel"))
    RABU = ("2", "Rabu", "Wednesday", ("wed", "rab"))
    KAMIS = ("3", "Kamis", "Thursday", ("thu", "kam"))
    JUMAT = ("4", "Jumat", "Friday", ("fri", "jum", "jum'at", "jumaat"))
    SABTU = ("5", "Sabtu", "Saturday", ("sat", "sab"))
    MINGGU = ("6", "Minggu", "Sunday", ("sun", "min", "ahad"))

    def __int__(self) -> int:
        return int(self.value)


class Code(IntEnum):
    """Roster cell codes (workbook contract). Anything but WFO, WFH, LIBUR is an absence."""

    WFO = 0
    WFH = 1
    LIBUR = 2
    CUTI = 3
    DL = 4
    DIKLAT = 5
    ABSEN = 6  # another absence code typed by hand (e.g. ``SAKIT``); kept as an absence

    @property
    def is_absence(self) -> bool:
        """True for CUTI, DL, DIKLAT and other absence codes."""
        return self >= Code.CUTI

    @classmethod
    def parse(cls, text: object) -> Code | None:
        """The code for a roster cell text; ``None`` for an empty cell.

        Any non-empty text other than WFO, WFH (or WFA), LIBUR is an absence:
        ``CUTI``, ``DL``, ``DIKLAT`` keep their code, anything else is ``ABSEN``.
        """
        if text is None:
            return None
        key = str(text).strip().upper().replace(" ", "")
        if not key:
            return None
        if key == "WFA":
            return cls.WFH
        try:
            return cls[key]
        except KeyError:
            return cls.ABSEN
