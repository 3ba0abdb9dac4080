"""A 31-day world for the publishing tests: March 2026 (Nyepi and Idul Fitri holidays),
a 40-person unit that runs over two pages, a 1-person unit, names that are hard to print
(outside Latin-1, formula-like, markup-like), leave and a hand-typed absence."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from worlds import office, person, world

from asn_scheduler.domain import Code, Period, Roster
from asn_scheduler.domain.calendar import Calendar
from asn_scheduler.publish import Imprint, publication
from asn_scheduler.scenario import load_scenario

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
DATES = tuple(MARCH.days())
HARD_NAMES = ["Nguyễn Thị Ánh", '=HYPERLINK("http://x.example","klik")', "<b>Budi</b> & Co",
              "Ṣāliḥ Ḥusayn"]
IMPRINT = Imprint(agency="Pemerintah Kota Contoh", place="Bandung",
                  title="Sekretaris Daerah", name="Dr. Siti Aminah, M.Si.",
                  nip="197001011995031001")


def march_problem():
    staff = [person(i, "ADM", name=HARD_NAMES[i] if i < len(HARD_NAMES) else "")
             for i in range(40)]
    staff.append(person(500, "SOLO", name="Satu Orang"))
    return world(staff, [office("ADM"), office("SOLO")], period=MARCH)


def march_roster(problem) -> Roster:
    cal = Calendar(DATES)
    units = problem.unit_by_code
    codes = np.zeros((len(problem.employees), len(DATES)), dtype=np.int8)
    for i, e in enumerate(problem.employees):
        for j, d in enumerate(DATES):
            if not cal.is_working_day(units[e.unit_code], d):
                codes[i, j] = int(Code.LIBUR)
            elif (i + j) % 3 == 0:
                codes[i, j] = int(Code.WFH)
    codes[1, 2:4] = int(Code.CUTI)   # 3-4 March, working days
    codes[2, 9] = int(Code.ABSEN)    # 10 March
    return Roster(tuple(e.nip for e in problem.employees), DATES, codes, {(2, 9): "SAKIT"})


def march_publication(imprint: Imprint = IMPRINT):
    problem = march_problem()
    return publication(problem, load_scenario("permenpanrb-4-2025"), march_roster(problem),
                       imprint)


def day(n: int) -> date:
    return DATES[0] + timedelta(days=n - 1)
