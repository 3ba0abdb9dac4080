"""click's own words (usage errors, help headings) in Bahasa Indonesia.

click marks its messages with :func:`gettext.gettext` imported into each of its modules as
``_`` (and ``ngettext``). :func:`use` swaps those names for a lookup in :data:`CATALOG`
when the language is Indonesian, so ``Error: Missing option '-s' / '--scenario'.``
becomes ``Galat: Opsi wajib belum diberikan: '-s' / '--scenario'.`` Unknown messages pass
through unchanged (English), so a click upgrade can only leave a message untranslated,
never break one.

The language is chosen before click parses anything: ``--lang`` in the arguments, else
the environment variable :data:`ENV_VAR`, else Bahasa Indonesia.
"""

from __future__ import annotations

import gettext
import importlib
import os
from collections.abc import Sequence

from asn_scheduler.i18n import DEFAULT_LANG, Lang

ENV_VAR = "ASN_SCHEDULER_LANG"
"""``id`` or ``en``: the default language of every command (``--lang`` overrides it)."""

CATALOG: dict[str, str] = {
    "Error: {message}": "Galat: {message}",
    "Usage:": "Cara pakai:",
    "Try '{command} {option}' for help.": "Lihat '{command} {option}' untuk bantuan.",
    "Missing argument": "Argumen wajib belum diberikan:",
    "Missing option": "Opsi wajib belum diberikan:",
    "Missing parameter": "Parameter wajib belum diberikan:",
    "Missing command.": "Perintah belum diberikan.",
    "Missing {param_type}": "{param_type} belum diberikan",
    "Invalid value for {param_hint}: {message}": "Nilai tidak sah untuk {param_hint}: {message}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "No such command {name!r}.": "Tidak ada perintah {name!r}.",
    "No such option {name!r}.": "Tidak ada opsi {name!r}.",
    "No such option: {name}": "Tidak ada opsi: {name}",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Option {name!r} requires an argument.": "Opsi {name!r} memerlukan nilai.",
    "Option {name!r} requires {nargs} arguments.": "Opsi {name!r} memerlukan {nargs} nilai.",
    "Got unexpected extra argument ({args})": "Ada argumen lebih yang tidak dikenal ({args})",
    "Got unexpected extra arguments ({args})": "Ada argumen lebih yang tidak dikenal ({args})",
    "Did you mean {possibility}?": "Mungkin maksudnya {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Mungkin maksudnya salah satu: {possibilities}?)",
    "{value!r} is not {choice}.": "{value!r} bukan {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} bukan salah satu dari {choices}.",
    "{value!r} does not match the format {format}.":
        "{value!r} tidak sesuai format {format}.",
    "{value!r} does not match the formats {formats}.":
        "{value!r} tidak sesuai format {formats}.",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang sah.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulis.",
    "file": "Berkas",
    "directory": "Folder",
    "path": "Jalur",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "default: {default}": "bawaan: {default}",
    "env var: {var}": "variabel lingkungan: {var}",
    "required": "wajib",
    "Aborted!": "Dibatalkan!",
}

_MODULES = ("core", "exceptions", "parser", "types", "formatting", "decorators", "termui")
_current: Lang = DEFAULT_LANG


def _gettext(message: str) -> str:
    return CATALOG.get(message, message) if _current == "id" else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def use(lang: Lang) -> None:
    """Make click speak ``lang`` from now on (process-wide; click has no per-call hook)."""
    global _current
    _current = lang
    for name in _MODULES:
        mod = importlib.import_module(f"click.{name}")
        if getattr(mod, "_", None) is not None:
            mod._ = _gettext if lang == "id" else gettext.gettext  # type: ignore[attr-defined]
        if getattr(mod, "ngettext", None) is not None:
            mod.ngettext = (_ngettext if lang == "id"  # type: ignore[attr-defined]
                            else gettext.ngettext)


def sniff(args: Sequence[str] | None) -> Lang:
    """The language of a command line before click parses it: ``--lang X`` / ``--lang=X``,
    else :data:`ENV_VAR`, else Bahasa Indonesia. An unknown value falls back to Indonesian
    (click then reports it, in Indonesian)."""
    args = list(args or [])
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1] == "en" else "id"
        if a.startswith("--lang="):
            return "en" if a.partition("=")[2] == "en" else "id"
    return "en" if os.environ.get(ENV_VAR, "").strip().lower() == "en" else "id"
