"""The one escaping path for text that reaches an output a person opens.

Every string taken from an input workbook, a roster, a scenario file or the command line
that ends up in a workbook, a report, a web page, a PDF or a calendar goes through
:func:`safe_text` first. It imports no I/O library, so any writer can call it; each
writer still applies its own format's escaping afterwards (XML entities in xlsx, HTML
escaping in a page). What it guarantees, for any ``str``:

* the result holds only characters XML 1.0 allows: C0 controls other than tab, line feed
  and carriage return, lone surrogates, U+FFFE and U+FFFF become U+FFFD (�), visibly,
  rather than silently disappearing;
* bidirectional override and isolate controls (U+202A–U+202E, U+2066–U+2069), which can
  make a name or NIP display as something else ("Trojan Source"), become U+FFFD too;
* the result is never taken as xlsxwriter's rich-string markup (a string that starts with
  ``<r>`` and ends with ``</r>`` is written by xlsxwriter as raw XML): such a string gets
  one leading space, which readers strip again;
* plain text comes back unchanged (the same object), so the common case costs one regex
  search.

Formulas: a text cell written as a string is never a formula in xlsx, so :func:`safe_text`
keeps a leading ``=``, ``+``, ``-`` or ``@``; the workbook factory
(:mod:`asn_scheduler.excel.xlsx_safe`) turns off xlsxwriter's string→formula/URL/number
conversions. Outputs a spreadsheet may re-import as plain cells (CSV, TSV, calendar text
copied into a sheet) use :func:`safe_cell_text`, which also prefixes such text with an
apostrophe.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
_RICH_START, _RICH_END = "<r>", "</r>"
_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)*%?|-+")


def safe_text(text: str) -> str:
    """``text`` made safe for any output (see the module docstring for the contract).

    Parameters
    ----------
    text
        Any string, from any source.

    Returns
    -------
    str
        XML-legal, free of bidi overrides, never rich-string markup; ``text`` itself when
        it already was.
    """
    if _FORBIDDEN.search(text) is not None:
        text = _FORBIDDEN.sub(REPLACEMENT, text)
    if text.startswith(_RICH_START) and text.endswith(_RICH_END):
        text = " " + text
    return text


def safe_cell_text(text: str) -> str:
    """:func:`safe_text`, and text a spreadsheet would evaluate when it re-imports it as a
    plain cell (leading ``=``, ``+``, ``-``, ``@``, tab or carriage return, also their
    full-width forms) prefixed with ``'``; plain numbers such as ``-3`` and a lone ``-``
    are kept."""
    text = safe_text(text)
    if text.startswith(_FORMULA_LEAD) and _PLAIN_NUMBER.fullmatch(text) is None:
        return "'" + text
    return text


_TERMINAL = re.compile("[\t\n\r\x7f-\x9f]")


def terminal_text(text: str) -> str:
    """:func:`safe_text` for one line of a terminal: also no tab, line break, DEL or C1
    control (``\\x9b`` starts an escape sequence on many terminals), so a cell printed in a
    table can neither break its layout nor drive the terminal."""
    text = safe_text(text)
    if _TERMINAL.search(text) is not None:
        text = _TERMINAL.sub(REPLACEMENT, text)
    return text


def is_safe(text: str) -> bool:
    """Whether :func:`safe_text` would leave ``text`` unchanged."""
    return safe_text(text) is text
