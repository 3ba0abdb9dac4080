"""Every text of the web pages, Bahasa Indonesia first (``i18n.Msg``).

Templates read them as ``t.key`` (or ``t('key', n=3)`` to fill fields); data stored in
both languages (``{"id": …, "en": …}``) is shown with the ``tr`` filter.
"""

from __future__ import annotations

from typing import Any

from asn_scheduler.i18n import Lang, Msg

M = Msg
TEXTS: dict[str, Msg] = {
    "app": M("Penjadwal WFH/WFO ASN", "ASN WFH/WFO scheduler"),
    "tagline": M("Jadwal WFH/WFO yang adil dan patuh aturan KemenPANRB, diperiksa ulang "
                 "oleh pemeriksa independen.",
                 "Fair WFH/WFO rosters under the KemenPANRB circulars, re-checked by an "
                 "independent checker."),
    "skip": M("Langsung ke isi", "Skip to content"),
    "nav_upload": M("Unggah", "Upload"), "nav_compare": M("Bandingkan skenario", "Compare"),
    "nav_check": M("Periksa jadwal", "Check a roster"), "nav_api": M("API", "API"),
    "lang_label": M("Bahasa", "Language"),
    "upload_title": M("Unggah buku kerja", "Upload a workbook"),
    "upload_help": M("Buku kerja Excel (.xlsx) berisi lembar Pegawai dan Unit (wajib), serta "
                     "Cuti, Gedung, Periode dan Libur bila perlu. Paling besar {mb} MB.",
                     "An Excel workbook (.xlsx) with sheets Pegawai and Unit (required), and "
                     "Cuti, Gedung, Periode and Libur as needed. At most {mb} MB."),
    "drop": M("Tarik dan lepas berkas .xlsx di sini, atau pilih berkas:",
              "Drag and drop an .xlsx file here, or choose a file:"),
    "file": M("Berkas buku kerja", "Workbook file"),
    "send_upload": M("Unggah dan periksa", "Upload and check"),
    "template": M("Unduh templat kosong", "Download the blank template"),
    "template_help": M("Belum punya buku kerja? Isi templat ini (judul kolom, pilihan, "
                       "lembar Petunjuk).",
                       "No workbook yet? Fill in this template (headers, dropdowns, an "
                       "instructions sheet)."),
    "validation": M("Hasil pemeriksaan buku kerja", "Workbook check"),
    "problems_n": M("Ditemukan {n} masalah di buku kerja. Perbaiki lalu unggah lagi.",
                    "{n} problem(s) found in the workbook. Fix them and upload again."),
    "warnings_n": M("Peringatan ({n}) — tidak menghentikan penjadwalan:",
                    "Warnings ({n}) — they do not stop the roster:"),
    "ok": M("Buku kerja dapat dipakai.", "The workbook can be used."),
    "issues_xlsx": M("Unduh daftar masalah (xlsx)", "Download the problem list (xlsx)"),
    "h_sheet": M("Lembar", "Sheet"), "h_row": M("Baris", "Row"), "h_col": M("Kolom", "Column"),
    "h_value": M("Nilai", "Value"), "h_problem": M("Masalah", "Problem"),
    "h_fix": M("Perbaikan", "Fix"),
    "summary": M("Ringkasan instansi", "Agency summary"),
    "scenario_title": M("Skenario dan periode", "Scenario and period"),
    "scenario": M("Skenario (surat edaran)", "Scenario (circular)"),
    "window": M("Tanggal", "Dates"), "region": M("Wilayah", "Region"),
    "rules_short": M("Aturan", "Rules"), "basis": M("Dasar hukum", "Legal basis"),
    "start": M("Tanggal pertama", "First date"), "end": M("Tanggal terakhir", "Last date"),
    "period_help": M("Kosongkan untuk memakai lembar Periode, atau jendela skenario.",
                     "Leave empty to use sheet Periode, else the scenario's window."),
    "advanced": M("Pilihan lanjutan", "Advanced options"),
    "apply_period": M("Terapkan periode dan periksa cakupan",
                      "Apply the period and check coverage"),
    "status_OPTIMAL": M("optimal: setiap tujuan terbukti", "optimal: every goal proven"),
    "status_FEASIBLE": M("semua aturan wajib dipenuhi; sebagian tujuan mutu belum terbukti "
                         "optimal", "every hard rule met; some quality goals not proven "
                         "optimal"),
    "status_INFEASIBLE": M("tidak ada jadwal yang memenuhi semua aturan wajib",
                           "no roster can meet every hard rule"),
    "status_TIME_LIMIT": M("tidak ada jadwal dalam batas waktu",
                           "no roster within the time limit"),
    "status_INVALID": M("model ditolak solver (galat program)",
                        "the solver rejected the model (a bug)"),
    "time_limit": M("Batas waktu solver (detik)", "Solver time limit (seconds)"),
    "seed": M("Benih acak (sama benih = jadwal sama)", "Random seed (same seed = same roster)"),
    "effort": M("Upaya untuk pilihan hari, rotasi, tim", "Effort on preferences, rotation, teams"),
    "paper": M("Ukuran kertas cetak", "Print paper size"),
    "overrides": M("Ubah parameter skenario (KUNCI=NILAI, satu per baris)",
                   "Override scenario parameters (KEY=VALUE, one per line)"),
    "overrides_help": M("Sama dengan --set di baris perintah; daftar kunci: asn-scheduler "
                        "scenarios keys. Menang atas lembar Pengaturan.",
                        "As --set on the command line; the keys: asn-scheduler scenarios "
                        "keys. Wins over sheet Pengaturan."),
    "previous": M("Jadwal sebelumnya (opsional)", "Previous roster (optional)"),
    "previous_help": M("Buku kerja jadwal yang sudah diterbitkan untuk periode sebelumnya "
                       "(satu atau beberapa .xlsx). Jadwal ini lalu melanjutkannya: minggu "
                       "bersama, deret WFH dan saldo keadilan dihitung bersama.",
                       "The published roster workbook(s) of the period before (one or more "
                       ".xlsx). This roster then continues it: the shared week, WFH runs and "
                       "the fairness balance are counted together."),
    "previous_drop": M("Seret jadwal sebelumnya ke sini atau pilih berkas",
                       "Drag the previous roster here or choose files"),
    "best_effort": M("Upaya terbaik bila tidak ada jadwal yang memenuhi semua aturan wajib",
                     "Best effort when no roster meets every hard rule"),
    "best_effort_help": M("Jadwal yang paling sedikit melanggar kapasitas gedung (B1) dan batas "
                          "WFO (P1), setiap pelanggaran ditandai; bukan jadwal untuk "
                          "diterbitkan.",
                          "The roster that exceeds building seats (B1) and WFO ceilings (P1) "
                          "least, every breach flagged; not a roster to publish."),
    "best_effort_title": M("Jadwal upaya terbaik: melanggar aturan wajib",
                           "Best-effort roster: it breaks hard rules"),
    "best_effort_text": M("Tidak ada jadwal yang memenuhi semua aturan wajib. Buku kerja ini "
                          "melanggar {n} kali (aturan {rules}) sesedikit mungkin, setiap sel "
                          "yang melanggar bergaris merah dengan catatan. Penyebab dan "
                          "perbaikannya di bawah. Jangan diterbitkan; tidak ada PDF atau "
                          "kalender.",
                          "No roster meets every hard rule. This workbook breaks them {n} "
                          "time(s) (rules {rules}) as little as possible, each offending cell "
                          "with a red border and a note. Causes and fixes below. Not for "
                          "publishing; no PDF or calendars are made."),
    "dl_best_effort": M("Jadwal upaya terbaik (xlsx)", "Best-effort roster (xlsx)"),
    "dl_pdf": M("PDF per unit untuk dicetak", "Per-unit PDF for printing"),
    "dl_personal": M("Jadwal saya: satu halaman per pegawai (PDF)",
                     "My roster: one page per person (PDF)"),
    "dl_ics": M("Kalender pribadi (.zip berisi satu .ics per pegawai)",
                "Personal calendars (.zip of one .ics per person)"),
    "chain_title": M("Dilanjutkan dari jadwal sebelumnya", "Chained from the previous roster"),
    "chain_text": M("{n} hari terbit ({a} – {b}) untuk {p} pegawai dihitung bersama periode "
                    "ini.", "{n} published days ({a} – {b}) for {p} staff are counted with "
                    "this period."),
    "chain_brought": M("Saldo keadilan dibawa (hari WFH dikurangi bagian adil): {s} pegawai "
                       "kurang 1 hari atau lebih (paling banyak {sx} hari), {o} pegawai lebih "
                       "1 hari atau lebih (paling banyak {ox} hari).",
                       "Fairness balance brought forward (WFH days minus the fair share): {s} "
                       "staff one day or more short (at most {sx} days), {o} staff one day or "
                       "more over (at most {ox} days)."),
    "chain_on": M("Saldo setelah periode ini, dibawa ke jadwal berikutnya: {s} pegawai kurang "
                  "(paling banyak {sx} hari), {o} pegawai lebih (paling banyak {ox} hari). "
                  "Rincian per pegawai di lembar Saldo Keadilan.",
                  "Balance after this period, carried to the next roster: {s} staff short "
                  "(at most {sx} days), {o} staff over (at most {ox} days). Per person in "
                  "sheet Saldo Keadilan (Fairness Balance)."),
    "params_title": M("Parameter skenario", "Scenario parameters"),
    "send_solve": M("Buat jadwal", "Build the roster"),
    "covers_all": M("Mencakup semua tanggal dan unit instansi ini.",
                    "Covers every date and unit of this agency."),
    "progress_title": M("Sedang diproses", "Working on it"),
    "st_queued": M("Dalam antrean", "Queued"), "st_validating": M("Memeriksa buku kerja",
                                                                  "Validating the workbook"),
    "st_solving": M("Menyusun jadwal", "Solving"), "st_explaining": M("Mencari penyebab",
                                                                      "Explaining"),
    "st_checking": M("Memeriksa ulang aturan", "Checking every rule"),
    "st_writing": M("Menulis buku kerja", "Writing the workbook"), "st_done": M("Selesai", "Done"),
    "parts": M("{k}/{n} bagian", "{k}/{n} parts"),
    "ahead": M("{n} pekerjaan di depan", "{n} job(s) ahead"),
    "elapsed": M("{s} detik", "{s} s"),
    "cancel": M("Batalkan", "Cancel"),
    "refresh": M("Perbarui", "Refresh"),
    "cancelled": M("Pekerjaan dibatalkan.", "The job was cancelled."),
    "interrupted": M("Pekerjaan terputus karena server dimulai ulang. Kirim lagi.",
                     "The job was interrupted by a server restart. Please submit it again."),
    "timeout": M("Pekerjaan melebihi batas waktu server dan dihentikan.",
                 "The job ran over the server's time limit and was stopped."),
    "crashed": M("Proses pekerjaan berhenti tak terduga (mis. kehabisan memori). Server "
                 "tetap berjalan; coba lagi atau laporkan.",
                 "The job's process stopped unexpectedly (e.g. out of memory). The server "
                 "is fine; try again or report it."),
    "queue_full": M("Antrean penuh: terlalu banyak pekerjaan menunggu. Coba lagi sebentar lagi.",
                    "The queue is full: too many jobs are waiting. Please try again shortly."),
    "failed": M("Pekerjaan gagal.", "The job failed."),
    "again": M("Mulai lagi", "Start again"),
    "result_title": M("Hasil", "Result"),
    "figures": M("Angka kunci", "Key figures"),
    "wfh_share": M("Porsi WFH per kategori layanan", "WFH share per service category"),
    "fairness": M("Keadilan", "Fairness"),
    "fair_text": M("selisih maks {mx} hari dari bagian adil; {w} pegawai dalam 1 hari",
                   "largest gap {mx} days from the fair share; {w} of staff within 1 day"),
    "prefs": M("Hari WFH pilihan dipenuhi", "Preferred WFH days honoured"),
    "km": M("Perjalanan dihemat", "Commute saved"),
    "hard": M("Pelanggaran aturan wajib", "Hard-rule violations"),
    "compliance": M("Kepatuhan per aturan", "Compliance per rule"),
    "rule": M("Aturan", "Rule"), "found": M("Temuan", "Findings"),
    "hard_soft": M("Jenis", "Kind"), "k_hard": M("wajib", "hard"), "k_soft": M("mutu", "soft"),
    "ok_rule": M("dipenuhi", "met"),
    "goals": M("Tujuan mutu, dalam urutan ketat", "Quality goals, in strict order"),
    "goals_help": M("Tujuan yang lebih tinggi tidak pernah dikorbankan untuk yang lebih rendah. "
                    "Batas = nilai terbaik yang masih mungkin.",
                    "A higher goal is never traded for a lower one. Bound = the best value "
                    "still possible."),
    "goal": M("Tujuan", "Goal"), "value": M("Nilai", "Value"),
    "bound": M("Batas", "Bound"), "proof": M("Bukti", "Proof"),
    "proven": M("terbukti optimal", "proven optimal"),
    "skipped": M("dilewati (upaya atau waktu habis)", "skipped (effort or time spent)"),
    "gap": M("selisih", "gap"),
    "conflicts": M("Mengapa tidak ada jadwal", "Why there is no roster"),
    "occupancy": M("Keterisian gedung per hari vs kapasitas",
                   "Office occupancy per day vs capacity"),
    "building": M("Gedung", "Building"), "capacity": M("Kapasitas", "Capacity"),
    "roster": M("Jadwal per unit", "Roster by unit"),
    "unit": M("Unit", "Unit"), "show": M("Tampilkan", "Show"),
    "name": M("Nama", "Name"), "person": M("Jadwal pribadi", "Personal roster"),
    "downloads": M("Unduhan", "Downloads"),
    "dl_roster": M("Buku kerja jadwal (xlsx)", "Roster workbook (xlsx)"),
    "dl_report": M("Laporan kepatuhan (xlsx)", "Compliance report (xlsx)"),
    "dl_compare": M("Perbandingan (xlsx)", "Comparison (xlsx)"),
    "dl_private": M("Berkas ini hanya untuk pemilik tautan halaman ini dan dihapus otomatis "
                  "setelah masa simpan.",
                  "These files are for whoever has this page's link and are deleted "
                  "automatically after the retention time."),
    "notes": M("Catatan", "Notes"),
    "coverage": M("Cakupan skenario", "Scenario coverage"),
    "legend": M("Keterangan", "Legend"),
    "compare_title": M("Bandingkan skenario", "Compare scenarios"),
    "compare_help": M("Satu buku kerja, beberapa skenario, berdampingan.",
                      "One workbook under several scenarios, side by side."),
    "send_compare": M("Bandingkan", "Compare"),
    "check_title": M("Periksa jadwal buatan sendiri", "Check a hand-made roster"),
    "check_help": M("Lembar Jadwal berisi NIP, Nama, Kode Unit dan satu kolom per tanggal "
                    "(WFO, WFH, LIBUR, CUTI, DL, DIKLAT).",
                    "Sheet Jadwal with NIP, Nama, Kode Unit and one column per date "
                    "(WFO, WFH, LIBUR, CUTI, DL, DIKLAT)."),
    "roster_file": M("Berkas jadwal", "Roster file"),
    "send_check": M("Periksa", "Check"),
    "compliant": M("Patuh: tidak ada pelanggaran aturan wajib.",
                   "Compliant: no hard rule broken."),
    "not_compliant": M("Tidak patuh: {n} pelanggaran aturan wajib.",
                       "Not compliant: {n} hard-rule violation(s)."),
    "incomplete": M("Jadwal tidak lengkap:", "The roster is incomplete:"),
    "too_big": M("Berkas terlalu besar: paling besar {mb} MB.",
                 "The file is too large: at most {mb} MB."),
    "no_file": M("Pilih berkas .xlsx terlebih dahulu.", "Choose an .xlsx file first."),
    "not_found": M("Tidak ditemukan (atau sudah dihapus setelah masa simpan).",
                   "Not found (or deleted after the retention time)."),
    "bad_form": M("Formulir kedaluwarsa atau tidak sah; muat ulang halaman lalu coba lagi.",
                  "The form expired or is not valid; reload the page and try again."),
    "bad_value": M("Nilai tidak sah: {f}.", "Invalid value: {f}."),
    "login_title": M("Masuk", "Sign in"),
    "password": M("Kata sandi akses", "Access password"),
    "send_login": M("Masuk", "Sign in"),
    "login_bad": M("Kata sandi salah.", "Wrong password."),
    "retention": M("Berkas dihapus otomatis {h} jam setelah aktivitas terakhir. Simpan tautan "
                   "halaman ini: hanya pemegang tautan yang dapat membukanya.",
                   "Files are deleted automatically {h} hours after the last activity. Keep "
                   "this page's link: only those who hold it can open it."),
    "api_title": M("API JSON", "JSON API"),
    "status": M("Status", "Status"), "scenario_short": M("Skenario", "Scenario"),
    "period": M("Periode", "Period"), "days": M("hari", "days"),
    "wfh_days": M("Hari WFH", "WFH days"), "fair_share": M("Bagian adil", "Fair share"),
    "deviation": M("Selisih", "Gap"), "reason": M("Alasan", "Reason"),
    "back_result": M("Kembali ke hasil", "Back to the result"),
    "more": M("… dan {n} lainnya (lihat buku kerja)", "… and {n} more (see the workbook)"),
    "error_title": M("Terjadi masalah", "Something went wrong"),
    "weekdays": M("Sen,Sel,Rab,Kam,Jum,Sab,Min", "Mon,Tue,Wed,Thu,Fri,Sat,Sun"),
}


class Texts:
    """The page texts in one language: ``t.key`` or ``t('key', **fields)``."""

    def __init__(self, lang: Lang):
        self.lang = lang

    def __getattr__(self, key: str) -> str:
        try:
            return TEXTS[key].get(self.lang)
        except KeyError:
            raise AttributeError(key) from None

    def __call__(self, key: str, **fields: Any) -> str:
        return TEXTS[key].format(**fields).get(self.lang)
