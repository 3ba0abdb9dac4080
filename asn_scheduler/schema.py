"""The input workbook contract (``spec/workbook.md``) as data.

The reader, the template (headers, dropdowns, the ``Petunjuk`` sheet), the synthetic
generator's writer and the docs are all generated from these specifications, so they
cannot drift apart. Pure data: imports no openpyxl.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from asn_scheduler.domain.enums import (
    AbsenceKind,
    Discipline,
    LabelledEnum,
    OverrideKind,
    PositionLevel,
    Sector,
    ServiceCategory,
    normalise,
)
from asn_scheduler.i18n import Msg


class Kind(Enum):
    """How a column's cells are parsed."""

    TEXT = "text"
    NIP = "nip"                      # 18-digit NIP / NI PPPK, kept as text
    DATE = "date"                    # Excel date, YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY
    YESNO = "yesno"                  # Ya/Tidak, Y/T, Yes/No, True/False, 1/0
    ENUM = "enum"                    # one of ``Column.enum``
    INT = "int"                      # whole number ≥ 0
    NUMBER = "number"                # number ≥ 0
    PERCENT = "percent"              # 0..100
    WEEKDAYS = "weekdays"            # list of weekdays, ``;`` or ``,``; ranges ``Senin-Jumat``
    ROLES = "roles"                  # role tags, ``;``-separated
    ROLE_MINIMUMS = "role_minimums"  # ``loket=2; bendahara=1``


@dataclass(frozen=True)
class Column:
    """One column: ``key`` is the field name in the domain model, ``header`` what the
    template writes, ``aliases`` the other accepted names (English first)."""

    key: str
    header: str
    aliases: tuple[str, ...]
    kind: Kind
    required: bool
    help: Msg
    example: str = ""
    enum: type[LabelledEnum] | None = None
    default: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every accepted header, normalised (matching rules of the contract)."""
        return tuple(dict.fromkeys(normalise(n) for n in (self.header, *self.aliases, self.key)))


@dataclass(frozen=True)
class SheetSpec:
    """One sheet of the input workbook."""

    key: str
    name: str
    aliases: tuple[str, ...]
    required: bool
    columns: tuple[Column, ...]
    help: Msg

    @property
    def names(self) -> tuple[str, ...]:
        """Every accepted sheet name, normalised."""
        return tuple(dict.fromkeys(normalise(n) for n in (self.name, *self.aliases, self.key)))

    def column(self, key: str) -> Column:
        """The column with field name ``key``."""
        return next(c for c in self.columns if c.key == key)


def _c(key, header, alias, kind, required, help_id, help_en, example="", enum=None, default=None,
       extra=()):
    return Column(key, header, (alias, *extra), kind, required, Msg(help_id, help_en), example,
                  enum, default)


PEGAWAI = SheetSpec("staff", "Pegawai", ("Staff",), True, (
    _c("nip", "NIP", "nip", Kind.NIP, True,
       "NIP PNS atau NI PPPK 18 digit, unik. Format kolom sebagai Teks.",
       "18-digit PNS NIP or NI PPPK, unique. Format the column as Text.", "198609262015051001"),
    _c("name", "Nama", "name", Kind.TEXT, True, "Nama pegawai.", "Employee name.", "Siti Rahmawati"),
    _c("unit_code", "Kode Unit", "unit_code", Kind.TEXT, True,
       "Kode unit dari lembar Unit.", "A unit code from sheet Unit.", "BAPPEDA"),
    _c("position_type", "Jenis Jabatan", "position_type", Kind.ENUM, True,
       "JPT Utama, JPT Madya, JPT Pratama, Administrator, Pengawas, Fungsional, Pelaksana. "
       "Eselon lama diterima: I (I.a, I.b) = JPT Madya, II = JPT Pratama, III = "
       "Administrator, IV = Pengawas.",
       "JPT Utama … Pelaksana. Legacy eselon accepted: I (I.a, I.b) = JPT Madya, II = JPT "
       "Pratama, III = Administrator, IV = Pengawas.", "Fungsional", PositionLevel),
    _c("position", "Jabatan", "position", Kind.TEXT, False,
       "Nama jabatan (bebas).", "Job title (free text).", "Perencana Ahli Muda"),
    _c("flex_eligible", "Boleh Kerja Fleksibel", "flex_eligible", Kind.YESNO, False,
       "Tidak = jabatan/pegawai tidak boleh bekerja di luar kantor. Bawaan: Ya.",
       "No = may not work away from the office. Default: Yes.", "Ya", default="Ya"),
    _c("discipline", "Hukuman Disiplin", "discipline", Kind.ENUM, False,
       "Tidak, Dalam Proses, Sedang Menjalani. Selain Tidak: tidak WFH. Bawaan: Tidak.",
       "None, In process, Serving. Anything but None: no WFH. Default: None.", "Tidak",
       Discipline, default="Tidak"),
    _c("position_start", "TMT Jabatan", "position_start", Kind.DATE, False,
       "Tanggal mulai menjabat jabatan sekarang (aturan pegawai baru).",
       "Date the current position began (new-employee rule).", "01/02/2024"),
    _c("roles", "Peran", "roles", Kind.ROLES, False,
       "Tag peran dipisah titik koma, mis. loket; bendahara.",
       "Role tags separated by semicolons, e.g. loket; bendahara.", "loket"),
    _c("preferred_wfh_days", "Hari WFH Pilihan", "preferred_wfh_days", Kind.WEEKDAYS, False,
       "Hari WFH yang diinginkan, mis. Senin; Jumat.", "Preferred WFH weekdays, e.g. Mon; Fri.",
       "Jumat"),
    _c("team", "Tim", "team", Kind.TEXT, False,
       "Tag tim; anggota tim diusahakan berbagi hari di kantor.",
       "Team tag; team members should share office days.", "Tim Perencanaan"),
    _c("supervisor_nip", "NIP Atasan", "supervisor_nip", Kind.NIP, False,
       "NIP atasan langsung (harus ada di lembar Pegawai).",
       "Direct supervisor's NIP (must exist in sheet Pegawai).", ""),
    _c("field_duty", "Tugas Lapangan", "field_duty", Kind.YESNO, False,
       "Ya = tugas lapangan, dikecualikan dari batas hari fleksibel per minggu. Bawaan: Tidak.",
       "Yes = field duty, exempt from the weekly flexible-day cap. Default: No.", "Tidak",
       default="Tidak"),
    _c("commute_km", "Jarak Rumah (km)", "commute_km", Kind.NUMBER, False,
       "Jarak rumah–kantor satu arah dalam km (≥ 0).", "One-way commute in km (≥ 0).", "12.5",
       extra=("Jarak Rumah", "commute")),
), Msg("Satu baris per pegawai.", "One row per employee."))

UNIT = SheetSpec("units", "Unit", ("Units",), True, (
    _c("code", "Kode Unit", "unit_code", Kind.TEXT, True, "Kode unik unit.", "Unique unit code.",
       "BAPPEDA"),
    _c("name", "Nama Unit", "unit_name", Kind.TEXT, True, "Nama unit.", "Unit name.",
       "Badan Perencanaan Pembangunan Daerah"),
    _c("category", "Kategori Layanan", "service_category", Kind.ENUM, True,
       "Layanan Langsung, Administrasi Pemerintahan, Dukungan Pimpinan.",
       "Direct public service, Government administration, Leadership support.",
       "Administrasi Pemerintahan", ServiceCategory),
    _c("sector", "Sektor", "sector", Kind.ENUM, False,
       "Non-esensial, Esensial, Kritikal (skenario masa pandemi).",
       "Non-essential, Essential, Critical (pandemic-era scenarios).", "Non-esensial", Sector),
    _c("region", "Wilayah", "region", Kind.TEXT, False,
       "Provinsi (mis. DKI Jakarta, DIY) atau kabupaten/kota (mis. Kota Bandung; di luar "
       "Jawa–Bali dengan provinsinya: Kota Medan, Sumatera Utara). Menentukan skenario "
       "berwilayah, Jawa–Bali atau luar, dan level PPKM.",
       "Province (e.g. DKI Jakarta, DIY) or kabupaten/kota (e.g. Kota Bandung; outside "
       "Jawa–Bali with its province: Kota Medan, Sumatera Utara). Decides region-scoped "
       "scenarios, Jawa–Bali or outside, and PPKM levels.",
       "DKI Jakarta"),
    _c("building", "Gedung", "building", Kind.TEXT, False,
       "Nama gedung dari lembar Gedung.", "A building from sheet Gedung.", "Gedung Utama"),
    _c("max_wfh_pct", "Batas WFH (%)", "max_wfh_pct", Kind.PERCENT, False,
       "Batas WFH unit 0–100, di atas batas skenario (yang lebih ketat berlaku).",
       "Unit WFH cap 0–100 on top of the scenario's (the stricter wins).", "40",
       extra=("Batas WFH", "max wfh")),
    _c("role_minimums", "Minimal Peran Hadir", "role_minimums", Kind.ROLE_MINIMUMS, False,
       "Minimal pemegang peran di kantor per hari, mis. loket=2; bendahara=1.",
       "Minimum in-office holders per role per day, e.g. loket=2; bendahara=1.", "loket=2"),
    _c("operating_days", "Hari Operasional", "operating_days", Kind.WEEKDAYS, False,
       "Hari kerja unit. Bawaan: Senin-Jumat.", "The unit's working days. Default: Mon-Fri.",
       "Senin-Jumat", default="Senin-Jumat"),
    _c("open_on_holidays", "Buka Hari Libur", "open_on_holidays", Kind.YESNO, False,
       "Ya = unit tetap bekerja pada libur nasional dan cuti bersama (rumah sakit, damkar, "
       "Satpol PP …). Bawaan: Ya bila Hari Operasional mencakup Sabtu dan Minggu, selain "
       "itu Tidak.",
       "Yes = the unit works national holidays and cuti bersama (hospital, fire brigade, "
       "public order …). Default: Yes when its operating days include Saturday and Sunday, "
       "else No.", "Tidak"),
), Msg("Satu baris per unit kerja.", "One row per service unit."))

CUTI = SheetSpec("absences", "Cuti", ("Absences",), False, (
    _c("nip", "NIP", "nip", Kind.NIP, True, "NIP pegawai di lembar Pegawai.",
       "An employee in sheet Pegawai.", "198609262015051001"),
    _c("start", "Mulai", "start", Kind.DATE, True, "Hari pertama.", "First day.", "02/03/2026"),
    _c("end", "Selesai", "end", Kind.DATE, True, "Hari terakhir (≥ Mulai).",
       "Last day (inclusive, ≥ start).", "04/03/2026"),
    _c("kind", "Jenis", "kind", Kind.ENUM, True,
       "Cuti Tahunan, Cuti Sakit, Cuti Melahirkan, Cuti Alasan Penting, Cuti Besar, "
       "Dinas Luar, Diklat.", "Annual, sick, maternity, compassionate, long leave, official "
       "travel, training.", "Cuti Tahunan", AbsenceKind),
), Msg("Cuti, dinas luar dan diklat.", "Leave, official travel and training."))

GEDUNG = SheetSpec("buildings", "Gedung", ("Buildings",), False, (
    _c("name", "Gedung", "building", Kind.TEXT, True, "Nama unik gedung.", "Unique name.",
       "Gedung Utama"),
    _c("capacity", "Kapasitas", "capacity", Kind.INT, True,
       "Kursi tersedia per hari (bilangan bulat ≥ 0).", "Seats per day (whole number ≥ 0).",
       "120"),
), Msg("Gedung kantor dan kapasitasnya.", "Office buildings and their capacity."))

PERIODE = SheetSpec("period", "Periode", ("Period",), False, (
    _c("start", "Mulai", "start", Kind.DATE, True, "Tanggal pertama jadwal.",
       "First roster date.", "02/03/2026"),
    _c("end", "Selesai", "end", Kind.DATE, True, "Tanggal terakhir jadwal.",
       "Last roster date.", "31/03/2026"),
), Msg("Rentang tanggal jadwal (tanggal di baris perintah lebih diutamakan).",
       "Roster dates (command-line dates take precedence)."))

LIBUR = SheetSpec("holidays", "Libur", ("Holidays",), False, (
    _c("date", "Tanggal", "date", Kind.DATE, True, "Tanggal.", "A date.", "22/06/2026"),
    _c("kind", "Jenis", "kind", Kind.ENUM, True,
       "Libur (tambahan hari libur, mis. libur daerah) atau Masuk (hari libur nasional yang "
       "tetap masuk kerja).", "Libur (extra day off) or Masuk (a listed holiday that is worked).",
       "Libur", OverrideKind),
    _c("unit_code", "Kode Unit", "unit_code", Kind.TEXT, False,
       "Kode unit yang terkena perubahan ini; kosong = semua unit.",
       "The unit this change applies to; empty = every unit.", ""),
    _c("note", "Keterangan", "note", Kind.TEXT, False, "Keterangan bebas.", "Free text.",
       "HUT Kota"),
), Msg("Perubahan kalender libur nasional, untuk semua unit atau satu unit.",
       "Changes to the national holiday calendar, for every unit or one unit."))

PENGATURAN = SheetSpec("settings", "Pengaturan", ("Settings",), False, (
    _c("key", "Kunci", "key", Kind.TEXT, True,
       "Nama pengaturan: agency_name (Nama Instansi), sign_place, sign_title, sign_name, "
       "sign_nip, atau kunci parameter skenario (asn-scheduler scenarios keys).",
       "Setting name: agency_name, sign_place, sign_title, sign_name, sign_nip, or a "
       "scenario parameter key (asn-scheduler scenarios keys).", "office_days",
       extra=("Pengaturan", "Setting")),
    _c("value", "Nilai", "value", Kind.TEXT, False,
       "Nilainya; kosong = tidak diatur. Baris perintah (--set) menang atas lembar ini.",
       "Its value; empty = not set. The command line (--set) wins over this sheet.",
       "Senin", extra=("Value",)),
    _c("note", "Keterangan", "note", Kind.TEXT, False, "Catatan bebas (tidak dibaca).",
       "Free note (not read).", ""),
), Msg("Nama instansi, penandatangan, dan parameter skenario untuk buku kerja ini.",
       "Agency name, signatory, and scenario parameters for this workbook."))

LEVEL_PPKM = SheetSpec("ppkm_levels", "Level PPKM", ("PPKM Levels",), False, (
    _c("region", "Wilayah", "region", Kind.TEXT, True,
       "Provinsi atau kabupaten/kota, mis. Kota Bandung (kabupaten/kota menang atas "
       "provinsinya).", "Province or kabupaten/kota, e.g. Kota Bandung (a kabupaten/kota "
       "wins over its province).", "Kota Bandung"),
    _c("start", "Mulai", "start", Kind.DATE, False, "Hari pertama level ini (kosong = awal).",
       "First day of this level (empty = from the start).", "01/03/2022"),
    _c("end", "Selesai", "end", Kind.DATE, False, "Hari terakhir (kosong = sampai akhir).",
       "Last day (empty = to the end).", "14/03/2022"),
    _c("level", "Level", "level", Kind.INT, True, "Level PPKM 1–4 (Inmendagri).",
       "PPKM level 1–4 (Inmendagri).", "3"),
), Msg("Level PPKM per wilayah dan tanggal (skenario masa PPKM, mis. se-6-2022).",
       "PPKM levels by region and date (PPKM-era scenarios, e.g. se-6-2022)."))

SHEETS: tuple[SheetSpec, ...] = (PEGAWAI, UNIT, CUTI, GEDUNG, PERIODE, LIBUR, PENGATURAN,
                                 LEVEL_PPKM)
SHEET_BY_KEY: dict[str, SheetSpec] = {s.key: s for s in SHEETS}

ROSTER_SHEET = "Jadwal"
ROSTER_SHEET_ALIASES: tuple[str, ...] = ("Roster",)
ROSTER_FIXED_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("NIP", ("nip",)),
    ("Nama", ("name",)),
    ("Kode Unit", ("unit_code",)),
)
INSTRUCTIONS_SHEET = "Petunjuk"
REGIONS_SHEET = "Daftar Wilayah"
"""The template's list of region names behind the ``Wilayah`` dropdowns (not read)."""
