"""What kinds of unit an Indonesian regional government has, as data.

Each :class:`UnitKind` names its service category and PPKM sector, name templates per
size tier (``big`` units are dinas/badan-level, headed by a JPT Pratama; ``mid`` by an
Administrator; ``small`` by a Pengawas), operating days, role minimums and job titles.
Templates use ``{kota}`` (city/regency) and ``{kec}`` (district) placeholders.

Direct-service kinds are all *Kritikal*: S1 keeps them 100% in the office, and under the
SE 6/2022 table only *Kritikal* allows 100% WFO at every PPKM level, so the data stays
feasible in that replay too.
"""

from __future__ import annotations

from dataclasses import dataclass

from asn_scheduler.domain.enums import Sector, ServiceCategory

EVERY_DAY = frozenset(range(7))
MON_SAT = frozenset(range(6))
MON_FRI = frozenset(range(5))

LL = ServiceCategory.LAYANAN_LANGSUNG
ADM = ServiceCategory.ADMINISTRASI
DUK = ServiceCategory.DUKUNGAN_PIMPINAN


@dataclass(frozen=True)
class UnitKind:
    """One kind of unit.

    ``roles`` lists (role tag, base minimum); the minimum grows with unit size for direct
    services. ``in_building``: whether the unit sits in a shared office building (hospitals,
    clinics and fire or patrol posts have their own premises, which are not modelled).
    ``jobs`` are functional job titles; ``fungsional`` the share of non-structural staff
    in functional (rather than Pelaksana) positions.
    """

    key: str
    category: ServiceCategory
    sector: Sector | None
    prefix: str
    big: tuple[str, ...]
    mid: tuple[str, ...]
    small: tuple[str, ...]
    days: frozenset[int]
    roles: tuple[tuple[str, int], ...]
    in_building: bool
    jobs: tuple[str, ...]
    fungsional: float
    field_duty: float = 0.05


_HEALTH_JOBS = ("Dokter Ahli Pertama", "Dokter Ahli Muda", "Dokter Spesialis Ahli Madya",
                "Perawat Terampil", "Perawat Mahir", "Perawat Ahli Pertama", "Bidan Terampil",
                "Apoteker Ahli Pertama", "Asisten Apoteker Terampil",
                "Pranata Laboratorium Kesehatan Terampil", "Radiografer Terampil",
                "Nutrisionis Ahli Pertama", "Perekam Medis Terampil")
_ADMIN_JOBS = ("Analis Kebijakan Ahli Pertama", "Analis Kebijakan Ahli Muda",
               "Perencana Ahli Pertama", "Perencana Ahli Muda",
               "Analis Keuangan Pusat dan Daerah Ahli Pertama", "Auditor Ahli Pertama",
               "Auditor Ahli Muda", "Pranata Komputer Ahli Pertama", "Pranata Komputer Terampil",
               "Analis Sumber Daya Manusia Aparatur Ahli Pertama", "Arsiparis Terampil",
               "Statistisi Ahli Pertama", "Pengelola Pengadaan Barang/Jasa Ahli Pertama",
               "Analis Anggaran Ahli Pertama", "Pustakawan Ahli Pertama",
               "Penyuluh Hukum Ahli Pertama")
_SUPPORT_JOBS = ("Pranata Hubungan Masyarakat Ahli Pertama",
                 "Pranata Hubungan Masyarakat Ahli Muda", "Arsiparis Terampil",
                 "Pranata Komputer Terampil", "Analis Kebijakan Ahli Pertama",
                 "Pranata Keuangan APBN Terampil")

PELAKSANA_JOBS: tuple[str, ...] = (
    "Pengadministrasi Perkantoran", "Penata Layanan Operasional", "Pengolah Data dan Informasi",
    "Pengelola Umum Operasional", "Operator Layanan Operasional", "Pengelola Keuangan",
    "Penelaah Teknis Kebijakan", "Pengemudi", "Petugas Keamanan", "Pramu Bakti",
)
NON_FLEX_JOBS: frozenset[str] = frozenset({"Pengemudi", "Petugas Keamanan", "Pramu Bakti"})
"""Jobs that cannot be done away from the office (F4: ``Boleh Kerja Fleksibel = Tidak``)."""

DIRECT_KINDS: tuple[UnitKind, ...] = (
    UnitKind("rsud", LL, Sector.KRITIKAL, "RSUD",
             ("RSUD {kota}", "RSUD {kec}"),
             ("RSUD Kecamatan {kec}", "Instalasi Gawat Darurat RSUD {kota}"),
             ("Instalasi Farmasi RSUD {kota}", "Unit Transfusi Darah RSUD {kota}"),
             EVERY_DAY, (("piket", 2), ("loket", 1)), False, _HEALTH_JOBS, 0.8),
    UnitKind("puskesmas", LL, Sector.KRITIKAL, "PKM",
             ("Puskesmas Kecamatan {kec}",), ("Puskesmas Kecamatan {kec}",),
             ("Puskesmas Kelurahan {kec}", "Puskesmas Pembantu {kec}"),
             MON_SAT, (("loket", 1),), False, _HEALTH_JOBS, 0.75, 0.10),
    UnitKind("satpol", LL, Sector.KRITIKAL, "SATPOL",
             ("Satuan Polisi Pamong Praja {kota}",), ("Satpol PP Kecamatan {kec}",),
             ("Pos Satpol PP Kelurahan {kec}",),
             EVERY_DAY, (("piket", 2),), False,
             ("Polisi Pamong Praja Terampil", "Polisi Pamong Praja Mahir",
              "Polisi Pamong Praja Ahli Pertama"), 0.7, 0.35),
    UnitKind("damkar", LL, Sector.KRITIKAL, "DAMKAR",
             ("Dinas Penanggulangan Kebakaran dan Penyelamatan {kota}",),
             ("Sektor Penanggulangan Kebakaran Kecamatan {kec}",),
             ("Pos Pemadam Kebakaran {kec}",),
             EVERY_DAY, (("piket", 2),), False,
             ("Analis Kebakaran Ahli Pertama", "Inspektur Kebakaran Terampil",
              "Inspektur Kebakaran Mahir"), 0.6, 0.25),
    UnitKind("bpbd", LL, Sector.KRITIKAL, "BPBD",
             ("Badan Penanggulangan Bencana Daerah {kota}",),
             ("Pusat Pengendalian Operasi BPBD {kota}",), ("Pos Siaga Bencana {kec}",),
             EVERY_DAY, (("piket", 1), ("operator", 1)), True,
             ("Analis Bencana Ahli Pertama", "Penata Penanggulangan Bencana Ahli Muda",
              "Pranata Komputer Terampil"), 0.5, 0.20),
    UnitKind("dukcapil", LL, Sector.KRITIKAL, "DUKCAPIL",
             ("Dinas Kependudukan dan Pencatatan Sipil {kota}",),
             ("Suku Dinas Dukcapil {kota}", "Unit Layanan Dukcapil Kecamatan {kec}"),
             ("Satuan Pelaksana Dukcapil Kelurahan {kec}",),
             MON_FRI, (("loket", 2), ("operator", 1)), True,
             ("Administrator Database Kependudukan Ahli Pertama",
              "Administrator Database Kependudukan Terampil", "Analis Kebijakan Ahli Pertama"),
             0.5, 0.05),
    UnitKind("ptsp", LL, Sector.KRITIKAL, "PTSP",
             ("Dinas Penanaman Modal dan PTSP {kota}",),
             ("Unit Pengelola PTSP {kota}", "Unit Pelaksana PTSP Kecamatan {kec}"),
             ("Satuan Pelaksana PTSP Kelurahan {kec}",),
             MON_FRI, (("loket", 2),), True,
             ("Analis Kebijakan Ahli Pertama", "Penelaah Perizinan Ahli Pertama",
              "Pranata Komputer Terampil"), 0.45, 0.05),
)

# Selection weights of the direct kinds per tier (big, mid, small): hospitals and fire
# services are large, clinics and posts small.
DIRECT_WEIGHTS: dict[str, tuple[float, ...]] = {
    "big": (0.30, 0.10, 0.15, 0.15, 0.05, 0.15, 0.10),
    "mid": (0.08, 0.30, 0.15, 0.15, 0.07, 0.15, 0.10),
    "small": (0.05, 0.35, 0.15, 0.15, 0.05, 0.15, 0.10),
}

DINAS: tuple[str, ...] = (
    "Badan Perencanaan Pembangunan Daerah", "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Kepegawaian Daerah", "Inspektorat", "Badan Pendapatan Daerah", "Dinas Pendidikan",
    "Dinas Kesehatan", "Dinas Bina Marga", "Dinas Sumber Daya Air",
    "Dinas Komunikasi, Informatika dan Statistik", "Dinas Lingkungan Hidup", "Dinas Sosial",
    "Dinas Perhubungan", "Dinas Pariwisata dan Ekonomi Kreatif",
    "Dinas Tenaga Kerja, Transmigrasi dan Energi", "Dinas Perumahan Rakyat dan Kawasan Permukiman",
    "Dinas Ketahanan Pangan, Kelautan dan Pertanian",
    "Dinas Koperasi, Usaha Kecil dan Menengah serta Perdagangan", "Dinas Kebudayaan",
    "Dinas Pemuda dan Olahraga", "Dinas Perindustrian dan Energi",
    "Dinas Pertamanan dan Hutan Kota", "Dinas Cipta Karya, Tata Ruang dan Pertanahan",
    "Dinas Pemberdayaan, Perlindungan Anak dan Pengendalian Penduduk",
    "Dinas Perpustakaan dan Kearsipan", "Badan Pengembangan Sumber Daya Manusia",
    "Badan Kesatuan Bangsa dan Politik", "Badan Pembinaan Badan Usaha Milik Daerah",
)
# Finance and communications count as Esensial in the PPKM sector lists.
ESENSIAL_DINAS: frozenset[str] = frozenset({
    "Badan Pengelolaan Keuangan dan Aset Daerah", "Badan Pendapatan Daerah",
    "Dinas Komunikasi, Informatika dan Statistik",
})

BIDANG: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Bappeda", ("Perencanaan Ekonomi", "Perencanaan Infrastruktur", "Perencanaan Sosial Budaya",
                 "Pengendalian dan Evaluasi", "Penelitian dan Pengembangan")),
    ("BPKAD", ("Anggaran", "Perbendaharaan", "Akuntansi", "Pengelolaan Aset")),
    ("BKD", ("Pengadaan dan Pemberhentian", "Mutasi", "Pengembangan Karier",
             "Kinerja dan Disiplin")),
    ("Bapenda", ("Pajak Daerah", "Retribusi Daerah", "Pengendalian Pendapatan")),
    ("Diskominfotik", ("Aplikasi Informatika", "Statistik", "Informasi Publik", "Persandian")),
    ("Dinas Pendidikan", ("Sekolah Dasar", "Sekolah Menengah", "Pendidikan Khusus")),
    ("Dinas Kesehatan", ("Pelayanan Kesehatan", "Kesehatan Masyarakat",
                         "Pencegahan dan Pengendalian Penyakit", "Sumber Daya Kesehatan")),
    ("Dinas Perhubungan", ("Angkutan Jalan", "Lalu Lintas", "Prasarana Jalan")),
    ("Dinas Lingkungan Hidup", ("Pengelolaan Sampah", "Pengendalian Pencemaran",
                                "Tata Lingkungan")),
    ("Dinas Sosial", ("Rehabilitasi Sosial", "Perlindungan dan Jaminan Sosial",
                      "Pemberdayaan Sosial")),
)
INSPEKTORAT_MID: tuple[str, ...] = tuple(
    f"Inspektur Pembantu Wilayah {r}" for r in ("I", "II", "III", "IV", "V"))
BIRO_ADMIN: tuple[str, ...] = (
    "Biro Pemerintahan", "Biro Hukum", "Biro Perekonomian dan Keuangan",
    "Biro Pembangunan dan Lingkungan Hidup", "Biro Kesejahteraan Sosial",
    "Biro Organisasi dan Reformasi Birokrasi",
)
SUB_ADMIN: tuple[str, ...] = ("Subbagian Program dan Pelaporan", "Subbagian Keuangan",
                              "Subbagian Umum dan Kepegawaian", "Seksi Data dan Informasi",
                              "Seksi Monitoring dan Evaluasi")

SUPPORT_BIG: tuple[str, ...] = ("Sekretariat Daerah", "Sekretariat DPRD",
                                "Biro Umum dan Administrasi Pimpinan",
                                "Biro Protokol dan Komunikasi Pimpinan")
SUPPORT_MID: tuple[str, ...] = ("Bagian Protokol", "Bagian Tata Usaha Pimpinan",
                                "Bagian Hubungan Masyarakat", "Bagian Rumah Tangga",
                                "Bagian Umum")
SUPPORT_SMALL: tuple[str, ...] = ("Subbagian Tata Usaha Pimpinan", "Subbagian Protokol",
                                  "Subbagian Rumah Tangga", "Subbagian Persuratan",
                                  "Subbagian Dokumentasi Pimpinan")

ADMIN_KIND = UnitKind("admin", ADM, None, "", (), (), (), MON_FRI,
                      (("bendahara", 1), ("operator", 1)), True, _ADMIN_JOBS, 0.55)
SUPPORT_KIND = UnitKind("support", DUK, None, "", (), (), (), MON_FRI,
                        (("protokol", 1), ("bendahara", 1)), True, _SUPPORT_JOBS, 0.35)

TEAM_TOPICS: tuple[str, ...] = (
    "Perencanaan", "Anggaran", "Pelaporan", "Data", "Layanan", "Pengawasan", "Evaluasi",
    "Umum", "Kepegawaian", "Keuangan", "Humas", "Teknis", "Monitoring", "Regulasi",
)

HEAD_SMALL = 15   # units below this many staff are headed by a Pengawas
HEAD_BIG = 40     # units of at least this many staff are dinas/badan-level: a JPT Pratama
