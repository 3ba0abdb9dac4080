"""Publishing a roster: printable per-unit pages (PDF), a "jadwal saya" per person and
personal calendars (iCalendar), from a :class:`Publication`.

The web page and the command line call the same functions; the roster workbook's print
sheet uses the same layout (:mod:`asn_scheduler.publish.layout`).
"""

from asn_scheduler.publish.build import problem_imprint as problem_imprint
from asn_scheduler.publish.build import publication as publication
from asn_scheduler.publish.build import result_publication as result_publication
from asn_scheduler.publish.model import Imprint as Imprint
from asn_scheduler.publish.model import Person as Person
from asn_scheduler.publish.model import Publication as Publication
from asn_scheduler.publish.model import UnitInfo as UnitInfo
