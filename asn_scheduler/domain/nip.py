"""NIP (Nomor Induk Pegawai) of a PNS and NI PPPK: structure checks.

Both are 18 digits (reference/regulations.md §7.2–7.3):

=========  ==================================  ===================================
digits     PNS (Perka BKN 22/2007, 43/2007)    NI PPPK
=========  ==================================  ===================================
``[0:8]``  birth date YYYYMMDD                 birth date YYYYMMDD
``[8:14]`` TMT CPNS YYYYMM (month 01–12)       year of appointment YYYY + 2 digits
``[14]``   gender 1 = male, 2 = female         gender 1 / 2
``[15:]``  serial 001–999                      serial 001–999
=========  ==================================  ===================================

A number is accepted when it fits either layout. The appointment year must be plausible:
at least 15 years after birth and not later than next year. Excel cannot hold 18 digits
in a number cell (it keeps 15 significant digits), so a numeric cell is always refused
with the fix "format the column as Text and re-enter".
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from asn_scheduler.domain.parsing import Invalid
from asn_scheduler.i18n import Msg

NIP_LENGTH = 18
MIN_AGE_AT_APPOINTMENT = 15

Layout = Literal["pns", "pppk"]

_ROUNDED = re.compile(r"\d+(?:[.,]\d*)?[eE][+-]?\d+|\d+[.,]0*")
# spaces and the invisible characters copy-paste brings along (zero-width, direction marks
# and overrides, BOM, soft hyphen): never part of a NIP
_SPACES = re.compile(r"[\s\u00a0\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+")

_RETYPE = Msg("Salin NIP lengkap 18 digit dari data kepegawaian (SIASN).",
              "Copy the full 18-digit NIP from the personnel records (SIASN).")
_AS_TEXT = Msg("Format kolom NIP sebagai Teks (Format Cells → Text), lalu ketik ulang NIP "
               "lengkap 18 digit: Excel hanya menyimpan 15 digit angka, sisanya dibulatkan.",
               "Format the NIP column as Text (Format Cells → Text), then re-enter the full "
               "18-digit NIP: Excel keeps only 15 significant digits of a number and rounds "
               "the rest.")


def parse_nip(value: object, today: date | None = None) -> str | Invalid:
    """The NIP as an 18-digit string, or why it is not one.

    Spaces inside typed text (``19860926 201505 1 001``), invisible characters (zero-width,
    direction marks, BOM) and a leading apostrophe are removed. A numeric cell
    (``int``/``float``) or text that looks like one Excel rounded (``1.98609E+17``) is
    refused: the digits are already lost. ``today`` (default: the current date) bounds the
    appointment year.
    """
    if type(value) is str and len(value) == NIP_LENGTH and nip_layouts(value, today):
        return value  # the common case: a clean 18-digit text cell
    if isinstance(value, bool):
        return Invalid(Msg("Bukan NIP.", "Not a NIP."), _RETYPE)
    if isinstance(value, (int, float)):
        return Invalid(Msg("NIP tersimpan sebagai angka; Excel sudah membulatkannya.",
                           "The NIP is stored as a number; Excel has rounded it."), _AS_TEXT)
    text = _SPACES.sub("", str(value)).lstrip("'")
    if _ROUNDED.fullmatch(text):
        return Invalid(Msg("NIP tertulis sebagai angka yang dibulatkan Excel.",
                           "The NIP was written as a number that Excel rounded."), _AS_TEXT)
    if not text.isdigit() or not text.isascii():
        return Invalid(Msg("NIP hanya boleh berisi angka.", "A NIP holds digits only."), _RETYPE)
    if len(text) != NIP_LENGTH:
        return Invalid(Msg(f"NIP berisi {len(text)} digit, seharusnya 18.",
                           f"The NIP has {len(text)} digits; it needs 18."), _RETYPE)
    reason = nip_problem(text, today)
    return text if reason is None else Invalid(reason, _RETYPE)


def nip_problem(nip: str, today: date | None = None) -> Msg | None:
    """Why an 18-digit string is not a valid NIP (PNS or PPPK layout), or ``None``."""
    today = today or date.today()
    if nip_layouts(nip, today):
        return None
    born = _date(nip[0:8])
    if born is None:
        return Msg(f"Digit 1–8 ({nip[0:8]}) bukan tanggal lahir YYYYMMDD yang ada.",
                   f"Digits 1–8 ({nip[0:8]}) are not a real birth date YYYYMMDD.")
    if born.year < 1900 or born > today:
        return Msg(f"Tanggal lahir {born:%d/%m/%Y} dalam NIP tidak masuk akal.",
                   f"The birth date {born:%d/%m/%Y} in the NIP is implausible.")
    if nip[14] not in "12":
        return Msg(f"Digit ke-15 ({nip[14]}) harus 1 (pria) atau 2 (wanita).",
                   f"Digit 15 ({nip[14]}) must be 1 (male) or 2 (female).")
    if nip[15:] == "000":
        return Msg("Nomor urut (digit 16–18) tidak boleh 000.",
                   "The serial number (digits 16–18) cannot be 000.")
    year = int(nip[8:12])
    return Msg(f"Tahun pengangkatan {year} (digit 9–12) tidak masuk akal untuk kelahiran "
               f"{born.year}.",
               f"The appointment year {year} (digits 9–12) is implausible for a birth in "
               f"{born.year}.")


def nip_layouts(nip: str, today: date | None = None) -> frozenset[Layout]:
    """The layouts (``"pns"``, ``"pppk"``) that an 18-digit string fits; empty if none."""
    if len(nip) != NIP_LENGTH or not nip.isdigit() or not nip.isascii():
        return frozenset()
    if nip[14] not in "12" or nip[15:] == "000":
        return frozenset()
    born = _date(nip[0:8])
    today = today or date.today()
    year = int(nip[8:12])
    if (born is None or born.year < 1900 or born > today
            or not born.year + MIN_AGE_AT_APPOINTMENT <= year <= today.year + 1):
        return frozenset()
    # PPPK: digits 12–14 are any two digits; PNS: they are the month of TMT CPNS.
    layouts: set[Layout] = {"pppk"}
    if 1 <= int(nip[12:14]) <= 12:
        layouts.add("pns")
    return frozenset(layouts)


def _date(text: str) -> date | None:
    try:
        return date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None
