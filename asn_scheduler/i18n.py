"""Bilingual text: Bahasa Indonesia first, English available.

Every text a planner reads is a :class:`Msg` holding both languages. Modules keep
their own messages next to the code that uses them; there is no global catalogue
to edit (and so nothing for two subsystems to fight over).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")
DEFAULT_LANG: Lang = "id"


@dataclass(frozen=True, slots=True)
class Msg:
    """A message in Bahasa Indonesia (``id``) and English (``en``).

    Both templates use :meth:`str.format` fields; :meth:`format` fills both.
    """

    id: str
    en: str

    def get(self, lang: Lang = DEFAULT_LANG) -> str:
        """The text in ``lang`` (``"id"`` or ``"en"``)."""
        return self.en if lang == "en" else self.id

    def format(self, **fields: object) -> Msg:
        """A new :class:`Msg` with ``fields`` filled into both languages."""
        return Msg(self.id.format(**fields), self.en.format(**fields))

    def __str__(self) -> str:
        return self.id


def check_lang(lang: str) -> Lang:
    """Return ``lang`` if it is a supported language code, else raise ``ValueError``."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(LANGS)}")
    return lang  # type: ignore[return-value]
