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

from asn_scheduler import fmt
from asn_scheduler.engine.context import Context
from asn_scheduler.i18n import Lang, Msg

MSG_STARTS_MIDWEEK = Msg(
    "Periode mulai {start} di tengah minggu {week}: hari kerja {days} ada di jadwal "
    "sebelumnya dan ikut dihitung dalam batas {limit} hari kerja fleksibel per minggu (F1), "
    "tetapi jadwal ini tidak melihatnya. Berikan jadwal sebelumnya dengan --previous, mulai "
    "periode pada Senin {mon}, atau pastikan setiap pegawai tidak melebihi {limit} hari WFH "
    "di minggu itu bersama jadwal sebelumnya.",
    "The period starts on {start}, inside the week {week}: working days {days} belong to "
    "the previous roster and count towards the limit of {limit} flexible days a week (F1), "
    "but this roster cannot see them. Give the previous roster with --previous, start the "
    "period on Monday {mon}, or make sure nobody exceeds {limit} WFH days in that week "
    "together with the previous roster.")
MSG_ENDS_MIDWEEK = Msg(
    "Periode berakhir {end} di tengah minggu {week}: hari kerja {days} akan ada di jadwal "
    "berikutnya dan ikut dihitung dalam batas {limit} hari kerja fleksibel per minggu (F1). "
    "Akhiri periode pada Minggu {sun}, atau susun jadwal berikutnya dengan --previous "
    "menunjuk jadwal ini.",
    "The period ends on {end}, inside the week {week}: working days {days} will belong to "
    "the next roster and count towards the limit of {limit} flexible days a week (F1). End "
    "the period on Sunday {sun}, or make the next roster with --previous naming this one.")

WORKWEEK = 5
"""Monday–Friday: the days outside the period that are assumed to be working days (the
calendar of days outside the period is not compiled)."""


def open_week_warnings(ctx: Context) -> list[Msg]:
    """One warning per end of the period that cuts an ISO week in which a weekly cap (F1)
    binds a unit on a working day inside the period; none when the period starts on a
    Monday and ends on a Friday or later in its week, or when no weekly cap can bind
    there (e.g. the period's part of the week holds no working day).

    Parameters
    ----------
    ctx
        The compiled problem (its dates ascending, ``week``, ``working``, ``f1_counts`` and
        ``f1_limit`` filled).
    """
    dates = ctx.dates
    if not dates or not ctx.f1_limit.size:
        return []
    out: list[Msg] = []
    first, last = dates[0], dates[-1]
    lim_first = _limit(ctx, int(ctx.week[0]))
    if lim_first is not None and first.weekday() > 0:
        mon = first - timedelta(days=first.weekday())
        before = [mon + timedelta(days=k) for k in range(min(first.weekday(), WORKWEEK))]
        if before:
            out.append(_msg(MSG_STARTS_MIDWEEK, mon, before, start=first, limit=lim_first))
    lim_last = _limit(ctx, int(ctx.week[-1]))
    if lim_last is not None and last.weekday() < WORKWEEK - 1:
        mon = last - timedelta(days=last.weekday())
        after = [last + timedelta(days=k) for k in range(1, WORKWEEK - last.weekday())]
        out.append(_msg(MSG_ENDS_MIDWEEK, mon, after, end=last, limit=lim_last,
                        sun=mon + timedelta(days=6)))
    return out


def _limit(ctx: Context, w: int) -> int | None:
    """The tightest weekly limit among the units it binds on a working day of week ``w``
    inside the period, or ``None``."""
    days = ctx.week == w
    # a limit of 0 cannot be broken across the seam: both sides give nobody WFH
    binds = (ctx.f1_limit[:, w] > 0) & (ctx.f1_counts[:, days] & ctx.working[:, days]).any(axis=1)
    return int(ctx.f1_limit[binds, w].min()) if binds.any() else None


def _msg(template: Msg, mon: date, days: list[date], **dates_and_limit: date | int) -> Msg:
    """``template`` with its dates written the planner's way in each language."""
    def fill(text: str, lang: Lang) -> str:
        args = {k: fmt.day(v, lang) if isinstance(v, date) else v
                for k, v in dates_and_limit.items()}
        return text.format(week=fmt.week(mon, lang), mon=fmt.day(mon, lang),
                           days=", ".join(fmt.day(d, lang) for d in days), **args)
    return Msg(fill(template.id, "id"), fill(template.en, "en"))
