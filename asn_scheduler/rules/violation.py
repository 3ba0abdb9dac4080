"""The one record type for a broken rule or a soft loss, shared by the checker, the
solver's report, the Excel compliance sheet, the CLI and the web page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.rules.registry import RULE_BY_ID


@dataclass(frozen=True, slots=True)
class Violation:
    """Who, which rule, which day, how much.

    ``amount`` is in the rule's natural unit (people over a cap, WFH days over a weekly
    limit, days away from a fair share …); ``message`` says it in both languages. ``unit``,
    ``nip`` and ``day`` are ``None`` where they do not apply (a building-wide breach has no
    NIP). ``building`` names the building for B1.
    """

    rule: str
    message: Msg
    unit: str | None = None
    nip: str | None = None
    day: date | None = None
    amount: float = 1.0
    building: str | None = None

    @property
    def hard(self) -> bool:
        """Whether the rule is a hard rule (a roster that breaks one is not a roster)."""
        return RULE_BY_ID[self.rule].hard

    def text(self, lang: Lang = "id") -> str:
        """One line: rule, where, message."""
        where = ", ".join(
            x for x in (
                self.unit and f"unit {self.unit}",
                self.building and f"gedung {self.building}" if lang == "id"
                else self.building and f"building {self.building}",
                self.nip and f"NIP {self.nip}",
                self.day and self.day.isoformat(),
            ) if x
        )
        return f"[{self.rule}] {where}: {self.message.get(lang)}" if where else (
            f"[{self.rule}] {self.message.get(lang)}")
