"""Personal calendars: one iCalendar (RFC 5545) file per person, made with ``icalendar``.

Each person's working days become all-day events (``WFO — di kantor``, ``WFH — kerja
fleksibel``), their absences too (``CUTI``, ``DL``, ``DIKLAT`` or the text typed), and the
period's holidays by name; plain weekends are left out. Calendar text may be copied into
a spreadsheet, so it also passes ``safe_cell_text``. Every event's UID is a SHA-256
digest of the NIP and the date (never the NIP itself), so publishing a changed roster
again updates the same events in a calendar instead of adding duplicates. Text is
escaped by the library.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from asn_scheduler.domain.enums import Code
from asn_scheduler.excel._atomic import atomic_path
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.publish import layout as lay
from asn_scheduler.publish._text import safe_cell_text as cell
from asn_scheduler.publish.model import Publication
from asn_scheduler.publish.pdf import file_stem

PRODID = "-//asn-scheduler//Jadwal WFH WFO//ID"
UID_DOMAIN = "asn-scheduler"

SUMMARY: dict[Code, Msg] = {
    Code.WFO: Msg("WFO — di kantor", "WFO — in the office"),
    Code.WFH: Msg("WFH — kerja fleksibel", "WFH — flexible work"),
    Code.CUTI: Msg("CUTI — cuti", "CUTI — leave"),
    Code.DL: Msg("DL — dinas luar", "DL — official travel"),
    Code.DIKLAT: Msg("DIKLAT — pendidikan dan pelatihan", "DIKLAT — training"),
}
_HOLIDAY = Msg("Libur: {name}", "Holiday: {name}")
_CALNAME = Msg("Jadwal kerja {name}", "Work roster of {name}")


def event_uid(nip: str, day: date) -> str:
    """The stable UID of a person's event on ``day``: a digest of NIP and date."""
    digest = hashlib.sha256(f"{UID_DOMAIN}|{nip}|{day.isoformat()}".encode()).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"


def person_calendar(pub: Publication, row: int, *, lang: Lang = "id",
                    stamp: datetime | None = None) -> Calendar:
    """The calendar of roster row ``row``.

    Parameters
    ----------
    pub
        The publication.
    row
        The person's roster row.
    lang
        Language of event titles.
    stamp
        ``DTSTAMP`` of every event (UTC); default now. Pass a fixed value for
        byte-identical output.
    """
    person = pub.people[row]
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", cell(_CALNAME.format(name=person.name or person.nip).get(lang)))
    unit = pub.unit_name(person.unit_code)
    where = f"{pub.imprint.agency} — {unit}" if pub.imprint.agency else unit
    # what every event shares is said once, for the calendar (icalendar's line folding
    # is most of the cost: a 2,000-person roster would take a minute with it per event)
    cal.add("description", cell(f"{where}\n{lay.scenario_line(pub, lang)}"))  # RFC 7986
    codes = pub.roster.codes[row].tolist()
    libur, absen = int(Code.LIBUR), int(Code.ABSEN)
    for j, day in enumerate(pub.dates):
        k = codes[j]
        holiday = pub.holidays.get(day)
        if k == libur:
            if holiday is None:
                continue  # a weekend or the unit's own day off: nothing to remind
            summary = cell(_HOLIDAY.format(name=holiday).get(lang))
        elif k == absen:
            summary = cell(pub.roster.label(row, j))
        else:
            summary = SUMMARY[Code(k)].get(lang)
        ev = Event()
        ev.add("uid", event_uid(person.nip, day))
        ev.add("dtstamp", stamp)
        ev.add("dtstart", day)
        ev.add("dtend", day + timedelta(days=1))
        ev.add("summary", summary)
        if holiday is not None and k != libur:  # working on a holiday: say which
            ev.add("description", cell(_HOLIDAY.format(name=holiday).get(lang)))
        ev.add("categories", [cell(pub.roster.label(row, j))])
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    return cal


def _name(pub: Publication, row: int) -> str:
    p = pub.people[row]
    return f"{file_stem(p.unit_code)}-{file_stem(p.nip)}.ics"


def write_calendars(pub: Publication, target: str | os.PathLike[str], *, lang: Lang = "id",
                    stamp: datetime | None = None) -> list[str]:
    """Write one ``<unit code>-<NIP>.ics`` per person to ``target``: a ``.zip`` file
    (written atomically) or a folder (created when missing; each file atomic).

    Returns
    -------
    list[str]
        The file names written, in roster order.
    """
    target = Path(target)
    stamp = stamp or datetime.now(UTC)
    names = [_name(pub, r) for r in range(len(pub.people))]
    if target.suffix.lower() == ".zip":
        with atomic_path(target) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for r, name in enumerate(names):
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, person_calendar(pub, r, lang=lang, stamp=stamp).to_ical())
        return names
    target.mkdir(parents=True, exist_ok=True)
    for r, name in enumerate(names):
        data = person_calendar(pub, r, lang=lang, stamp=stamp).to_ical()
        with atomic_path(target / name) as tmp:
            tmp.write_bytes(data)
    return names


def read_days(data: bytes) -> dict[date, str]:
    """The (date → first category) of every event of an ``.ics`` file (for checks)."""
    cal = Calendar.from_ical(io.BytesIO(data).read())
    out: dict[date, str] = {}
    for ev in cal.walk("VEVENT"):
        cats = ev.get("categories")
        out[ev.decoded("dtstart")] = str(cats.cats[0]) if cats is not None else ""
    return out
