"""Line a roster up with the problem's staff and dates, reporting every mismatch.

Shape problems are not rule breaches (no rule ID fits "this person has no row"), so they
are :class:`~asn_scheduler.checker.report.RosterProblem` records, not ``Violation``-s;
an ``error`` among them makes the report non-compliant (:attr:`CheckReport.complete`).
Cells the roster does not give are :data:`UNKNOWN`: no rule counts them (not WFO, not
WFH, not active), so a missing row cannot hide or invent a breach of a percentage rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

from asn_scheduler.checker.report import RosterProblem
from asn_scheduler.domain.enums import Code
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.roster import Roster
from asn_scheduler.i18n import Msg

UNKNOWN = -1
"""Code of a cell the roster does not give (missing row, missing date, invalid value)."""

_MAX_CODE = max(int(c) for c in Code)

MSG_UNKNOWN_NIP = Msg(
    "NIP tidak ada di lembar Pegawai; baris ini tidak diperiksa. Hapus barisnya atau "
    "tambahkan pegawainya",
    "NIP not in sheet Pegawai; this row is not checked. Remove the row or add the employee")
MSG_DUPLICATE = Msg(
    "NIP muncul {n} kali di jadwal; hanya baris pertama yang diperiksa",
    "NIP appears {n} times in the roster; only the first row is checked")
MSG_MISSING_EMP = Msg(
    "Pegawai tidak ada di jadwal; tambahkan satu baris untuknya",
    "Employee missing from the roster; add a row for them")
MSG_OUTSIDE = Msg(
    "Kolom tanggal di luar periode {start}..{end}; kolom ini tidak diperiksa",
    "Date column outside the period {start}..{end}; this column is not checked")
MSG_MISSING_DATE = Msg(
    "Tanggal periode tanpa kolom di jadwal{work}",
    "Period date without a column in the roster{work_en}")
MSG_INVALID = Msg(
    "{n} sel berisi nilai yang bukan kode jadwal (pertama: {day}); sel itu tidak diperiksa",
    "{n} cell(s) hold a value that is no roster code (first: {day}); they are not checked")


def align(problem: Problem, roster: Roster, dates: Sequence[date],
          working_any: Sequence[bool]) -> tuple[np.ndarray, list[RosterProblem]]:
    """The roster's codes as an ``(employees, dates)`` int8 array in the problem's
    employee order and the order of ``dates``, :data:`UNKNOWN` where the roster gives no
    valid cell, and the shape problems found.

    ``working_any[j]`` says whether any unit works on ``dates[j]``: a missing date column
    on which nobody works is only a warning (every cell would be ``LIBUR``).
    """
    index = problem.employee_index
    n_emp, n_days = len(problem.employees), len(dates)
    problems: list[RosterProblem] = []

    src_rows: list[int] = []
    dst_rows: list[int] = []
    seen: dict[str, int] = {}
    for r, n in enumerate(roster.nips):
        i = index.get(n)
        if i is None:
            problems.append(RosterProblem("unknown_nip", MSG_UNKNOWN_NIP, nip=n))
            continue
        if n in seen:
            seen[n] += 1
            continue
        seen[n] = 1
        src_rows.append(r)
        dst_rows.append(i)
    for n, times in seen.items():
        if times > 1:
            problems.append(RosterProblem("duplicate_nip", MSG_DUPLICATE.format(n=times), nip=n))
    for e in problem.employees:
        if e.nip not in seen:
            problems.append(RosterProblem("missing_employee", MSG_MISSING_EMP, nip=e.nip))

    col_of = {d: j for j, d in enumerate(dates)}
    src_cols: list[int] = []
    dst_cols: list[int] = []
    if dates:
        outside = MSG_OUTSIDE.format(start=dates[0].isoformat(), end=dates[-1].isoformat())
    for j, d in enumerate(roster.dates):
        k = col_of.get(d)
        if k is None:
            problems.append(RosterProblem("date_outside_period", outside, day=d))
        else:
            src_cols.append(j)
            dst_cols.append(k)
    given = set(roster.dates)
    for j, d in enumerate(dates):
        if d not in given:
            work = bool(working_any[j])
            msg = MSG_MISSING_DATE.format(
                work=" (hari kerja)" if work else " (tidak ada unit yang bekerja; dianggap LIBUR)",
                work_en=" (a working day)" if work else " (no unit works; taken as LIBUR)")
            problems.append(RosterProblem("missing_date", msg, day=d,
                                          severity="error" if work else "warning"))

    codes = np.full((n_emp, n_days), UNKNOWN, dtype=np.int8)
    if src_rows and src_cols:
        sub = roster.codes[np.ix_(src_rows, src_cols)]
        bad = (sub < 0) | (sub > _MAX_CODE)
        if bad.any():
            for r in np.flatnonzero(bad.any(axis=1)):
                cols = np.flatnonzero(bad[r])
                first = dates[dst_cols[cols[0]]]
                problems.append(RosterProblem(
                    "invalid_code", MSG_INVALID.format(n=len(cols), day=first.isoformat()),
                    nip=problem.employees[dst_rows[r]].nip, day=first))
            sub = np.where(bad, UNKNOWN, sub).astype(np.int8)
        codes[np.ix_(dst_rows, dst_cols)] = sub
    return codes, problems
