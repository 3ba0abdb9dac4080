"""The project's one escaping path for text, as publishing uses it.

``safe_text`` (every output) and ``safe_cell_text`` (text a spreadsheet may re-import,
such as calendar entries) live in :mod:`asn_scheduler.safety_text`; each format then
applies its own escaping (ReportLab draws plain strings, icalendar escapes RFC 5545
text, xlsxwriter writes text cells).
"""

from __future__ import annotations

from asn_scheduler.safety_text import safe_cell_text, safe_text

__all__ = ["safe_cell_text", "safe_text"]
