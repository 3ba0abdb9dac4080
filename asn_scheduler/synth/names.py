"""Indonesian personal names from across the archipelago, drawn with numpy.

Each naming tradition has its given names (male, female), family or second names and a
home province where it is more common. Names are made of real, common parts; any match
with a real person is chance. Academic titles are added to some staff, as in personnel
lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from asn_scheduler.domain.enums import normalise


@dataclass(frozen=True)
class Tradition:
    """One naming tradition: ``weight`` nationally, ×``home_boost`` in ``home`` provinces."""

    key: str
    weight: float
    home: tuple[str, ...]
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    family_f: tuple[str, ...] = ()  # second names for women, where they differ from men's
    single_share: float = 0.0     # share of people with one name only (Javanese habit)


_MUSLIM_M = ("Ahmad", "Muhammad", "Rizky", "Fajar", "Arief", "Yusuf", "Hasan", "Irfan",
             "Taufik", "Hadi", "Ilham", "Fikri", "Ridwan", "Syahrul", "Hendra", "Andi", "Dimas")
_MUSLIM_F = ("Siti", "Nur", "Fitri", "Rahma", "Aisyah", "Nurul", "Annisa", "Zahra", "Laila",
             "Dewi", "Indah", "Putri", "Ratna", "Wulan", "Yulia", "Intan", "Mega")
_CHRISTIAN_M = ("Yohanes", "Paulus", "Stefanus", "Markus", "Daniel", "Samuel", "Frans",
                "Petrus", "Yosef", "Agustinus", "Michael", "Kristian", "Marthen", "Yonas")
_CHRISTIAN_F = ("Maria", "Theresia", "Agustina", "Fransiska", "Yohana", "Elisabeth", "Debora",
                "Margaretha", "Natalia", "Kristina", "Veronika", "Ester", "Priskila", "Lidia")

TRADITIONS: tuple[Tradition, ...] = (
    Tradition("jawa", 38, ("Jawa Tengah", "Jawa Timur", "DI Yogyakarta"),
              ("Budi", "Agus", "Bambang", "Joko", "Eko", "Slamet", "Sugeng", "Teguh", "Wahyu",
               "Sutrisno", "Suparman", "Heru", "Bayu", "Yudi", "Dwi", "Tri", "Wawan", *_MUSLIM_M),
              ("Sri", "Endang", "Tutik", "Sulastri", "Rina", "Wati", "Ayu", "Lestari", "Ningsih",
               "Yuni", "Endah", "Puji", "Dwi", "Tri", *_MUSLIM_F),
              ("Santoso", "Wibowo", "Setiawan", "Kurniawan", "Nugroho", "Prasetyo", "Saputra",
               "Hidayat", "Susanto", "Purnomo", "Widodo", "Utomo", "Hartono", "Suryadi",
               "Sulistyo", "Hariyanto"),
              ("Rahmawati", "Handayani", "Susanti", "Wulandari", "Kusumawati", "Purwanti",
               "Wijayanti", "Permatasari", "Lestari", "Puspitasari", "Utami", "Astuti"),
              single_share=0.12),
    Tradition("sunda", 15, ("Jawa Barat", "Banten"),
              ("Asep", "Ujang", "Dedi", "Cecep", "Iwan", "Dadang", "Ade", "Yayan", "Ridwan",
               "Rudi", "Hendi", *_MUSLIM_M),
              ("Euis", "Neneng", "Imas", "Cucu", "Nining", "Iis", "Tati", "Yeni", "Rina",
               *_MUSLIM_F),
              ("Suryana", "Sukmana", "Permana", "Hermawan", "Gunawan", "Kusnadi", "Hidayat",
               "Supriatna", "Ruhiyat", "Suganda"),
              ("Rahayu", "Nurhayati", "Kartika", "Komalasari", "Kurniasih", "Sumiati")),
    Tradition("betawi", 5, ("DKI Jakarta",),
              ("Mamat", "Rojali", "Sarmili", "Zainuddin", "Jaelani", *_MUSLIM_M),
              ("Rohaye", "Mursidah", "Zubaedah", "Jamilah", "Nurjanah", *_MUSLIM_F),
              ("Sanusi", "Syafei", "Ridwan", "Marzuki", "Ismail", "Fadillah"),
              ("Hasanah", "Maemunah", "Saidah", "Fadillah", "Rohimah")),
    Tradition("batak", 8, ("Sumatera Utara",),
              ("Hotman", "Parulian", "Togar", "Binsar", "Martua", "Sahat", "Rudolf", "Jonathan",
               *_CHRISTIAN_M, "Ahmad", "Rizal"),
              ("Rosmauli", "Tiurma", "Lamtiur", "Rotua", "Sondang", "Nurhaida", *_CHRISTIAN_F),
              ("Siregar", "Nasution", "Harahap", "Simanjuntak", "Sitompul", "Hutapea", "Lubis",
               "Pardede", "Sinaga", "Situmorang", "Simatupang", "Panjaitan", "Manurung",
               "Tambunan", "Sihombing", "Marpaung", "Hutagalung", "Napitupulu")),
    Tradition("minang", 6, ("Sumatera Barat",),
              ("Rizal", "Efendi", "Yulizar", "Zulkifli", "Afrizal", "Syafrizal", *_MUSLIM_M),
              ("Yusnidar", "Rosnelly", "Afnidar", "Desmawati", "Elfira", *_MUSLIM_F),
              ("Chaniago", "Piliang", "Koto", "Tanjung", "Sikumbang", "Jambak", "Caniago",
               "Guci", "Pitopang")),
    Tradition("aceh", 3, ("Aceh",),
              ("Teuku Ridwan", "Teuku Fadli", "Zulfikar", "Mukhlis", "Safwan", *_MUSLIM_M),
              ("Cut Nurul", "Cut Meutia", "Fauziah", "Raihanah", "Nurhayati", *_MUSLIM_F),
              ("Abdullah", "Ibrahim", "Usman", "Yusuf", "Daud", "Mahmud", "Hanafiah")),
    Tradition("bugis", 5, ("Sulawesi Selatan",),
              ("Andi Baso", "Andi Rahman", "Daeng Nai", "Syamsul", "Arman", "Muh. Idris",
               *_MUSLIM_M),
              ("Andi Tenri", "Andi Nurul", "Hasnah", "Sitti Rahmah", "Darmawati", *_MUSLIM_F),
              ("Mappiare", "Pawellangi", "Tenriawaru", "Mattalitti", "Baso", "Rahim",
               "Lamuru", "Palaguna")),
    Tradition("bali", 3, ("Bali",),
              ("I Made", "I Wayan", "I Nyoman", "I Ketut", "I Gede", "I Komang", "I Putu"),
              ("Ni Made", "Ni Wayan", "Ni Nyoman", "Ni Ketut", "Ni Luh", "Ni Komang",
               "Ni Putu"),
              ("Suardana", "Wirawan", "Sudiarta", "Astawa", "Artawan", "Mahendra", "Budiarsa",
               "Darmawan"),
              ("Suartini", "Ariani", "Sukerti", "Widiastuti", "Sri Wahyuni", "Pradnyani")),
    Tradition("minahasa", 3, ("Sulawesi Utara",),
              _CHRISTIAN_M, _CHRISTIAN_F,
              ("Wuisan", "Rumengan", "Lumentut", "Pangemanan", "Tumbelaka", "Wowor", "Mandagi",
               "Sondakh", "Runtuwene", "Kalalo", "Lengkong", "Supit")),
    Tradition("maluku", 2, ("Maluku",),
              (*_CHRISTIAN_M, "Abdul", "Hamid"), _CHRISTIAN_F,
              ("Pattinama", "Latuconsina", "Tuhumury", "Pattiasina", "Leatemia", "Sahetapy",
               "Latuheru", "Tanamal", "Ohorella")),
    Tradition("ntt", 3, ("Nusa Tenggara Timur",),
              (*_CHRISTIAN_M, "Aloysius", "Emanuel", "Yakobus"), _CHRISTIAN_F,
              ("Fernandes", "da Costa", "Lake", "Manafe", "Nenobais", "Ndun", "Bria", "Seran",
               "Lewar", "Kolo", "Tallo", "Wonga")),
    Tradition("papua", 2, ("Papua",),
              (*_CHRISTIAN_M, "Nathan", "Yan"), _CHRISTIAN_F,
              ("Wenda", "Kogoya", "Rumbiak", "Mandowen", "Wompere", "Ayomi", "Kambu", "Yoku",
               "Mirino", "Sawaki")),
    Tradition("tionghoa", 2, (),
              ("Hendra", "Budi", "Sutanto", "Wilson", "Kevin", "Hendrik", "Jimmy", "Ferry"),
              ("Lina", "Mei", "Susi", "Lanny", "Meliana", "Vivi", "Yenny", "Shinta"),
              ("Tanoto", "Halim", "Gunawan", "Tanujaya", "Wijaya", "Salim", "Lim", "Tanjung",
               "Hartanto", "Lukito")),
    Tradition("arab", 1, (),
              ("Hamid", "Husein", "Ali", "Umar", "Salim", "Abdurrahman"),
              ("Fatimah", "Khadijah", "Syarifah", "Zainab", "Aminah"),
              ("Alatas", "Assegaf", "Al Habsyi", "Baswedan", "Bahasuan", "Alaydrus", "Shihab")),
)

HOME_BOOST = 8.0

_TITLES_HIGH = (", S.E., M.M.", ", S.H., M.H.", ", S.T., M.T.", ", S.Sos., M.Si.",
                ", S.Kom., M.Kom.", ", S.I.P., M.A.P.", ", M.Si.", ", S.E., Ak.")
_TITLES = (", S.E.", ", S.H.", ", S.T.", ", S.Sos.", ", S.Kom.", ", S.I.P.", ", S.Ak.",
           ", A.Md.", ", S.Pd.", ", S.Psi.", ", S.Stat.", ", S.AP.")


def _weights(region: str) -> np.ndarray:
    key = normalise(region)
    w = np.array([t.weight * (HOME_BOOST if key in {normalise(h) for h in t.home} else 1.0)
                  for t in TRADITIONS])
    return w / w.sum()


def person_names(rng: np.random.Generator, female: np.ndarray, regions: Sequence[str],
                 degree: np.ndarray, senior: np.ndarray) -> list[str]:
    """One name per person.

    Parameters
    ----------
    rng
        The generator (draws in a fixed order: deterministic per seed).
    female
        Bool per person.
    regions
        Province of each person's unit (chooses the mix of naming traditions).
    degree
        Bool per person: add an academic title.
    senior
        Bool per person: a degree is a master's more often.
    """
    n = len(female)
    region_keys = sorted(set(regions))
    region_idx = np.array([region_keys.index(r) for r in regions], dtype=np.int64) if n else \
        np.zeros(0, np.int64)
    tradition = np.zeros(n, dtype=np.int64)
    u = rng.random(n)
    for k, region in enumerate(region_keys):
        cum = np.cumsum(_weights(region))
        mask = region_idx == k
        tradition[mask] = np.minimum(np.searchsorted(cum, u[mask], side="right"), len(cum) - 1)
    g1 = rng.random(n)
    g2 = rng.random(n)
    single = rng.random(n)
    title_pick = rng.random(n)
    out: list[str] = []
    for i in range(n):
        t = TRADITIONS[tradition[i]]
        givens = t.female if female[i] else t.male
        given = givens[int(g1[i] * len(givens))]
        if single[i] < t.single_share:
            name = given
        else:
            family = t.family_f if female[i] and t.family_f else t.family
            name = f"{given} {family[int(g2[i] * len(family))]}"
        if degree[i]:
            titles = _TITLES_HIGH if senior[i] and title_pick[i] < 0.7 else _TITLES
            name += titles[int(title_pick[i] * 1000) % len(titles)]
        out.append(name)
    return out
