"""Valid, unique NIPs (PNS) and NI PPPK numbers, vectorised (regulations.md §7.2–7.3).

PNS NIP: birth date ``YYYYMMDD``, first appointment ``YYYYMM``, gender ``1``/``2``,
serial ``001``–``999``. NI PPPK: birth date, appointment year ``YYYY``, agreement code
(``21``), gender, serial. The serial is the person's rank among everyone sharing the first
fifteen digits, so numbers are unique by construction.
"""

from __future__ import annotations

import numpy as np

PPPK_CODE = 21


def _ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month, day of ``datetime64[D]`` values."""
    y = days.astype("datetime64[Y]").astype(np.int64) + 1970
    m = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    d = (days - days.astype("datetime64[M]")).astype(np.int64) + 1
    return y, m, d


def make_nips(birth: np.ndarray, appointed: np.ndarray, female: np.ndarray,
              pppk: np.ndarray) -> list[str]:
    """One unique 18-digit number per person.

    Parameters
    ----------
    birth, appointed
        ``datetime64[D]`` birth and first-appointment dates; ``appointed`` must be at least
        18 years after ``birth`` (the caller guarantees it).
    female, pppk
        Bool per person: gender digit 2, NI PPPK layout.
    """
    by, bm, bd = _ymd(birth)
    ay, am, _ = _ymd(appointed)
    born = by * 10_000 + bm * 100 + bd
    middle = np.where(pppk, ay * 100 + PPPK_CODE, ay * 100 + am)
    key = (born * 1_000_000 + middle) * 10 + np.where(female, 2, 1)
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_key)) + 1]
    group_start = np.repeat(starts, np.diff(np.r_[starts, len(key)]))
    serial = np.empty(len(key), dtype=np.int64)
    serial[order] = np.arange(len(key)) - group_start + 1
    if len(key) and serial.max() > 999:
        raise ValueError("more than 999 people share a birth date, appointment and gender")
    return [str(v) for v in (key * 1000 + serial).tolist()]
