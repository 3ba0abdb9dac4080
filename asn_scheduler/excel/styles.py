"""Colours and cell formats shared by the roster, check and comparison workbooks.

Colours carry meaning only as a second channel: every roster cell also holds its code as
text, so a colour-blind reader or a black-and-white print loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from asn_scheduler.domain.enums import Code
from asn_scheduler.i18n import Msg

# (fill, font) per code; fills are the light Office palette so the text stays readable.
CODE_COLOURS: dict[Code, tuple[str, str]] = {
    Code.WFO: ("#DDEBF7", "#1F4E79"),
    Code.WFH: ("#C6EFCE", "#006100"),
    Code.LIBUR: ("#E7E6E6", "#595959"),
    Code.CUTI: ("#FFEB9C", "#9C5700"),
    Code.DL: ("#F8CBAD", "#843C0C"),
    Code.DIKLAT: ("#E4DFEC", "#3F3151"),
    Code.ABSEN: ("#FCE4D6", "#833C0B"),
}

CODE_MEANING: dict[Code, Msg] = {
    Code.WFO: Msg("Bekerja di kantor", "Working in the office"),
    Code.WFH: Msg("Bekerja dari rumah / lokasi lain (kerja fleksibel)",
                  "Working from home / elsewhere (flexible work)"),
    Code.LIBUR: Msg("Bukan hari kerja unit (akhir pekan, libur nasional, cuti bersama, libur "
                    "tambahan)", "Not a working day of the unit (weekend, holiday, cuti bersama)"),
    Code.CUTI: Msg("Cuti (tahunan, sakit, melahirkan, alasan penting, besar)",
                   "Leave (annual, sick, maternity, compassionate, long service)"),
    Code.DL: Msg("Dinas luar", "Official travel"),
    Code.DIKLAT: Msg("Pendidikan dan pelatihan", "Training"),
    Code.ABSEN: Msg("Ketidakhadiran lain yang diketik tangan (teks aslinya dipertahankan)",
                    "Another absence typed by hand (its text is kept)"),
}

HEADER_FILL = "#1F4E79"
SHADED_HEADER_FILL = "#C00000"     # weekend / holiday column headers
MARK_COLOUR = "#FF0000"            # changed or offending cells

# Excel's paper indexes: 9 = A4 (210 × 297 mm); 14 = Folio 8½ × 13 in (216 × 330 mm),
# the size Indonesian offices call F4.
PAPER: dict[str, int] = {"A4": 9, "F4": 14}


def shade(colour: str, factor: float = 0.82) -> str:
    """``colour`` (``#RRGGBB``) darkened by ``factor`` (for weekend/holiday columns)."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * factor):02X}" for c in rgb)


@dataclass
class Styles:
    """The formats of one xlsxwriter workbook, created on first use and cached.

    xlsxwriter formats belong to a workbook, so a ``Styles`` is made per workbook; it also
    carries the workbook's paper size.
    """

    workbook: Any
    paper: int = PAPER["A4"]  # Excel paper index for every sheet's print set-up
    _cache: dict[tuple, Any] = field(default_factory=dict)

    def _get(self, key: tuple, props: dict[str, Any]) -> Any:
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self._cache[key] = self.workbook.add_format(props)
        return fmt

    def code(self, code: Code, shaded: bool = False, marked: bool = False) -> Any:
        """A roster cell: the code's colours, darker in a weekend/holiday column, a thick
        red border when the cell is marked (changed, or breaks a rule)."""
        fill, font = CODE_COLOURS[code]
        props: dict[str, Any] = {
            "bg_color": shade(fill) if shaded else fill, "font_color": font,
            "align": "center", "border": 1, "border_color": "#BFBFBF",
        }
        if marked:
            props.update(border=2, border_color=MARK_COLOUR, bold=True)
        return self._get(("code", code, shaded, marked), props)

    def header(self, shaded: bool = False) -> Any:
        """A table header cell (white on dark blue; red for weekend/holiday dates)."""
        return self._get(("header", shaded), {
            "bold": True, "font_color": "#FFFFFF", "align": "center", "valign": "vcenter",
            "bg_color": SHADED_HEADER_FILL if shaded else HEADER_FILL, "border": 1,
            "text_wrap": True,
        })

    @property
    def text(self) -> Any:
        """Plain text with a light border (name columns)."""
        return self._get(("text",), {"border": 1, "border_color": "#BFBFBF"})

    @property
    def date(self) -> Any:
        """A real Excel date shown as ``YYYY-MM-DD``."""
        return self._get(("date",), {"num_format": "yyyy-mm-dd", "align": "left"})

    @property
    def pct(self) -> Any:
        """A share shown as a percentage with one decimal."""
        return self._get(("pct",), {"num_format": "0.0%"})

    @property
    def number(self) -> Any:
        """A number with up to two decimals."""
        return self._get(("number",), {"num_format": "0.##"})

    @property
    def title(self) -> Any:
        """A sheet title."""
        return self._get(("title",), {"bold": True, "font_size": 13, "font_color": HEADER_FILL})

    @property
    def bold(self) -> Any:
        """Bold text (labels of key/value tables)."""
        return self._get(("bold",), {"bold": True})

    @property
    def wrap(self) -> Any:
        """Wrapped text aligned to the top."""
        return self._get(("wrap",), {"text_wrap": True, "valign": "top"})

    def verdict(self, ok: bool) -> Any:
        """A pass (green) or fail (red) cell."""
        fill, font = ("#C6EFCE", "#006100") if ok else ("#FFC7CE", "#9C0006")
        return self._get(("verdict", ok), {"bold": True, "bg_color": fill, "font_color": font,
                                           "align": "center", "valign": "top"})

    @property
    def left(self) -> Any:
        """A number aligned left (values of key/value lists)."""
        return self._get(("left",), {"align": "left"})

    @property
    def top(self) -> Any:
        """Unwrapped text or a number aligned to the top (beside wrapped cells)."""
        return self._get(("top",), {"valign": "top"})

    def swatch(self, colour: str) -> Any:
        """A legend cell filled with ``colour``."""
        return self._get(("swatch", colour), {"bg_color": colour, "border": 1})
