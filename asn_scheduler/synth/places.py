"""Place names per province, for unit and building names.

Each province lists a few cities/regencies (``kota``) and districts (``kecamatan``). A
province not listed here gets numbered areas (``Wilayah I`` …), so any ``--region`` works.
"""

from __future__ import annotations

from dataclasses import dataclass

from asn_scheduler.domain.enums import normalise


@dataclass(frozen=True)
class Places:
    """Cities/regencies and districts of one province."""

    kota: tuple[str, ...]
    kecamatan: tuple[str, ...]


_PLACES: dict[str, Places] = {
    "DKI Jakarta": Places(
        ("Jakarta Pusat", "Jakarta Utara", "Jakarta Barat", "Jakarta Selatan", "Jakarta Timur",
         "Kepulauan Seribu"),
        ("Gambir", "Sawah Besar", "Kemayoran", "Senen", "Cempaka Putih", "Menteng", "Tanah Abang",
         "Johar Baru", "Penjaringan", "Tanjung Priok", "Koja", "Cilincing", "Pademangan",
         "Kelapa Gading", "Cengkareng", "Grogol Petamburan", "Taman Sari", "Tambora",
         "Kebon Jeruk", "Kalideres", "Palmerah", "Kembangan", "Tebet", "Setiabudi",
         "Mampang Prapatan", "Pasar Minggu", "Kebayoran Lama", "Cilandak", "Kebayoran Baru",
         "Pancoran", "Jagakarsa", "Pesanggrahan", "Matraman", "Pulo Gadung", "Jatinegara",
         "Kramat Jati", "Pasar Rebo", "Cakung", "Duren Sawit", "Makasar", "Ciracas", "Cipayung",
         "Kepulauan Seribu Utara", "Kepulauan Seribu Selatan")),
    "Jawa Barat": Places(
        ("Bandung", "Bogor", "Bekasi", "Depok", "Cirebon", "Sukabumi", "Tasikmalaya", "Garut"),
        ("Coblong", "Sukajadi", "Cicendo", "Lengkong", "Bogor Tengah", "Tanah Sareal",
         "Bekasi Timur", "Pancoran Mas", "Beji", "Kejaksan", "Cikole", "Cihideung", "Tarogong")),
    "Jawa Tengah": Places(
        ("Semarang", "Surakarta", "Magelang", "Pekalongan", "Tegal", "Banyumas", "Kudus"),
        ("Semarang Tengah", "Candisari", "Banyumanik", "Laweyan", "Banjarsari", "Jebres",
         "Magelang Utara", "Pekalongan Barat", "Tegal Timur", "Purwokerto Utara", "Kota Kudus")),
    "Jawa Timur": Places(
        ("Surabaya", "Malang", "Kediri", "Madiun", "Jember", "Banyuwangi", "Sidoarjo"),
        ("Genteng", "Gubeng", "Tegalsari", "Wonokromo", "Klojen", "Lowokwaru", "Mojoroto",
         "Kartoharjo", "Kaliwates", "Banyuwangi", "Sidoarjo", "Rungkut")),
    "Banten": Places(
        ("Serang", "Tangerang", "Tangerang Selatan", "Cilegon", "Lebak", "Pandeglang"),
        ("Serang", "Cipocok Jaya", "Tangerang", "Karawaci", "Serpong", "Pamulang", "Ciputat",
         "Cilegon", "Rangkasbitung", "Pandeglang")),
    "DI Yogyakarta": Places(
        ("Yogyakarta", "Sleman", "Bantul", "Kulon Progo", "Gunungkidul"),
        ("Gondokusuman", "Umbulharjo", "Kotagede", "Depok", "Mlati", "Bantul", "Wates",
         "Wonosari")),
    "Bali": Places(
        ("Denpasar", "Badung", "Gianyar", "Tabanan", "Buleleng", "Karangasem"),
        ("Denpasar Barat", "Denpasar Timur", "Denpasar Selatan", "Kuta", "Mengwi", "Ubud",
         "Tabanan", "Buleleng", "Karangasem")),
    "Sumatera Utara": Places(
        ("Medan", "Binjai", "Pematangsiantar", "Deli Serdang", "Toba", "Sibolga"),
        ("Medan Kota", "Medan Baru", "Medan Petisah", "Medan Helvetia", "Binjai Kota",
         "Siantar Barat", "Lubuk Pakam", "Balige", "Sibolga Kota")),
    "Sumatera Barat": Places(
        ("Padang", "Bukittinggi", "Payakumbuh", "Solok", "Pariaman"),
        ("Padang Barat", "Padang Timur", "Kuranji", "Guguk Panjang", "Payakumbuh Barat",
         "Lubuk Sikarah", "Pariaman Tengah")),
    "Aceh": Places(
        ("Banda Aceh", "Lhokseumawe", "Langsa", "Aceh Besar", "Pidie"),
        ("Baiturrahman", "Kuta Alam", "Syiah Kuala", "Banda Sakti", "Langsa Kota", "Ingin Jaya",
         "Kota Sigli")),
    "Kalimantan Timur": Places(
        ("Samarinda", "Balikpapan", "Bontang", "Kutai Kartanegara", "Berau"),
        ("Samarinda Ulu", "Samarinda Kota", "Sungai Kunjang", "Balikpapan Kota",
         "Balikpapan Selatan", "Bontang Utara", "Tenggarong", "Tanjung Redeb")),
    "Sulawesi Selatan": Places(
        ("Makassar", "Parepare", "Palopo", "Gowa", "Maros", "Bone"),
        ("Ujung Pandang", "Mariso", "Panakkukang", "Tamalate", "Rappocini", "Biringkanaya",
         "Soreang", "Wara", "Somba Opu", "Turikale", "Tanete Riattang")),
    "Sulawesi Utara": Places(
        ("Manado", "Bitung", "Tomohon", "Minahasa", "Kotamobagu"),
        ("Wenang", "Sario", "Tikala", "Malalayang", "Maesa", "Tomohon Tengah", "Tondano Barat",
         "Kotamobagu Barat")),
    "Nusa Tenggara Timur": Places(
        ("Kupang", "Ende", "Sikka", "Manggarai", "Sumba Timur", "Belu"),
        ("Oebobo", "Kelapa Lima", "Maulafa", "Ende Tengah", "Alok", "Langke Rembong",
         "Kota Waingapu", "Atambua Kota")),
    "Maluku": Places(
        ("Ambon", "Tual", "Maluku Tengah", "Buru", "Seram Bagian Barat"),
        ("Sirimau", "Nusaniwe", "Baguala", "Teluk Ambon", "Pulau Dullah Utara", "Kota Masohi",
         "Namlea", "Piru")),
    "Papua": Places(
        ("Jayapura", "Biak Numfor", "Keerom", "Sarmi", "Kepulauan Yapen"),
        ("Jayapura Utara", "Jayapura Selatan", "Abepura", "Heram", "Muara Tami", "Sentani",
         "Biak Kota", "Arso", "Serui")),
}

_BY_KEY: dict[str, Places] = {normalise(k): v for k, v in _PLACES.items()}

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def places(region: str) -> Places:
    """The places of ``region`` (any spelling the workbook rules accept); numbered areas
    for a province without a list."""
    found = _BY_KEY.get(normalise(region))
    if found is not None:
        return found
    return Places(tuple(f"Wilayah {r}" for r in _ROMAN[:5]),
                  tuple(f"Distrik {r}" for r in _ROMAN))


def roman(n: int) -> str:
    """Roman numeral for 1 ≤ n ≤ 39 (name suffixes when names run out)."""
    tens, ones = divmod(n, 10)
    return "X" * tens + ("" if ones == 0 else _ROMAN[ones - 1])
