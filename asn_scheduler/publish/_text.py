"""The project's one escaping path for text, as publishing uses it.

``safe_text`` (every output) and ``safe_cell_text`` (text a spreadsheet may re-import,
such as calendar entries) live in :mod:`asn_scheduler.safety_text`, which the hardening
work adds; until that module is merged in, text passes unchanged (each format still
applies its own escaping: ReportLab draws plain strings, icalendar escapes RFC 5545
text, xlsxwriter writes text cells). Merging: drop the fallback.
"""

from __future__ import annotations

try:
    from asn_scheduler.safety_text import safe_cell_text, safe_text
except ImportError:  # pragma: no cover - the hardening branch is not merged yet
    def safe_text(text: str) -> str:
        """``text`` unchanged (see the module docstring)."""
        return text

    def safe_cell_text(text: str) -> str:
        """``text`` unchanged (see the module docstring)."""
        return text

__all__ = ["safe_cell_text", "safe_text"]
