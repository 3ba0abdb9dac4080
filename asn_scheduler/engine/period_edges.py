"""Warnings about a period that starts or ends inside an ISO week under a weekly cap.

A weekly cap (F1, PermenPANRB 4/2025 Ps 13: at most N flexible days a week) binds per
ISO week, Monday to Sunday. When a roster's period cuts a week, the days of that week
outside the period belong to the previous or the next roster, and this roster cannot see
them: two rosters that each obey the cap can together break it in the week they share.
Until both rosters are solved together, the planner is told which week, which days and
what to do (rules.md, "Weeks").
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from asn_scheduler.engine.context import Context
from asn_scheduler.i18n import Msg

MSG_STARTS_MIDWEEK = Msg(
    "Periode mulai {start} di tengah minggu {mon}–{sun}: hari kerja {days} ada di jadwal "
    "sebelumnya dan ikut dihitung dalam batas {limit} hari kerja fleksibel per minggu (F1), "
    "tetapi jadwal ini tidak melihatnya. Mulai periode pada Senin {mon}, atau pastikan "
    "setiap pegawai tidak melebihi {limit} hari WFH di minggu itu bersama jadwal sebelumnya.",
    "The period starts on {start}, inside the week {mon}–{sun}: working days {days} belong "
    "to the previous roster and count towards the limit of {limit} flexible days a week "
    "(F1), but this roster cannot see them. Start the period on Monday {mon}, or make sure "
    "nobody exceeds {limit} WFH days in that week together with the previous roster.")
MSG_ENDS_MIDWEEK = Msg(
    "Periode berakhir {end} di tengah minggu {mon}–{sun}: hari kerja {days} akan ada di "
    "jadwal berikutnya dan ikut dihitung dalam batas {limit} hari kerja fleksibel per minggu "
    "(F1). Akhiri periode pada Jumat/Minggu {fri}, atau saat menyusun jadwal berikutnya "
    "hitung hari WFH minggu ini dari jadwal ini.",
    "The period ends on {end}, inside the week {mon}–{sun}: working days {days} will belong "
    "to the next roster and count towards the limit of {limit} flexible days a week (F1). "
    "End the period on Friday/Sunday {fri}, or count this week's WFH days from this roster "
    "when making the next one.")

WORKWEEK = 5
"""Monday–Friday: the days outside the period that are assumed to be working days (the
calendar of days outside the period is not compiled)."""


def open_week_warnings(ctx: Context) -> list[Msg]:
    """One warning per end of the period that cuts an ISO week in which a weekly cap (F1)
    binds some unit; none when the period starts on a Monday and ends on a Friday or
    later in its week, or when no weekly cap is in force there.

    Parameters
    ----------
    ctx
        The compiled problem (its dates ascending, ``week`` and ``f1_limit`` filled).
    """
    dates = ctx.dates
    if not dates or not ctx.f1_limit.size:
        return []
    out: list[Msg] = []
    first, last = dates[0], dates[-1]
    lim_first = _limit(ctx.f1_limit[:, int(ctx.week[0])])
    if lim_first is not None and first.weekday() > 0:
        mon = first - timedelta(days=first.weekday())
        before = [mon + timedelta(days=k) for k in range(min(first.weekday(), WORKWEEK))]
        if before:
            out.append(MSG_STARTS_MIDWEEK.format(
                start=first.isoformat(), mon=mon.isoformat(),
                sun=(mon + timedelta(days=6)).isoformat(), days=_days(before), limit=lim_first))
    lim_last = _limit(ctx.f1_limit[:, int(ctx.week[-1])])
    if lim_last is not None and last.weekday() < WORKWEEK - 1:
        mon = last - timedelta(days=last.weekday())
        after = [last + timedelta(days=k) for k in range(1, WORKWEEK - last.weekday())]
        out.append(MSG_ENDS_MIDWEEK.format(
            end=last.isoformat(), mon=mon.isoformat(), sun=(mon + timedelta(days=6)).isoformat(),
            days=_days(after), limit=lim_last, fri=(mon + timedelta(days=4)).isoformat()))
    return out


def _limit(column: np.ndarray) -> int | None:
    """The tightest weekly limit among the units bound in that week, or ``None``."""
    bound = column[column >= 0]
    return int(bound.min()) if bound.size else None


def _days(days: list[date]) -> str:
    return ", ".join(d.isoformat() for d in days)
