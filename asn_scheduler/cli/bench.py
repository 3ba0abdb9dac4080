"""``asn-scheduler bench``: the benchmark matrix, its table, files and targets."""

from __future__ import annotations

from pathlib import Path

import click

from asn_scheduler.cli.common import EXIT_FAIL, guarded, lang_option
from asn_scheduler.i18n import Lang, Msg

_INPUT = Msg("menyiapkan masukan {n} pegawai ({s}) …", "preparing the {n}-staff input ({s}) …")
_START = Msg("[{i}/{n}] {size} {s} {m} …", "[{i}/{n}] {size} {s} {m} …")
_DONE = Msg("[{i}/{n}] {size} {s} {m}: {st} ({sec:.1f} s)",
            "[{i}/{n}] {size} {s} {m}: {st} ({sec:.1f} s)")
_WRITTEN = Msg("Ditulis: {csv}\n         {md}", "Written: {csv}\n         {md}")
_BAD_SIZES = Msg("bukan daftar angka yang dipisah koma: {v!r}",
                 "not a comma-separated list of numbers: {v!r}")
_BAD_REF = Msg("Pembanding tidak dikenal: {r}; pilih dari {ok}.",
               "Unknown reference(s): {r}; choose from {ok}.")
_NO_SCENARIO = Msg("--scenarios kosong.", "--scenarios is empty.")
_TOO_SMALL = Msg("Instansi paling sedikit 8 pegawai (--sizes {v}).",
                 "An agency needs at least 8 staff (--sizes {v}).")


def _sizes(value: str) -> tuple[int, ...]:
    """``1000,10k,65000`` → (1000, 10000, 65000)."""
    out = []
    for part in value.split(","):
        p = part.strip().lower()
        scale = 1000 if p.endswith("k") else 1
        out.append(int(p.rstrip("k")) * scale)
    return tuple(out)


def _names(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.split(",") if p.strip())


@click.command("bench")
@click.option("--sizes", default="1000,10000,65000", show_default=True,
              help="Ukuran instansi (pegawai), dipisah koma / agency sizes, comma-separated.")
@click.option("--scenarios", default="se-17-2023,permenpanrb-4-2025", show_default=True,
              help="Skenario, dipisah koma / scenarios, comma-separated.")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=None,
              help="Batas waktu solver per sel (detik; bawaan 60, --quick 3) / solver time "
                   "limit per cell (default 60, --quick 3).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Benih instansi dan solver / agency and solver seed.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Proses paralel per sel (bawaan: jumlah inti) / parallel processes.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("benchmarks/results"), show_default=True,
              help="Folder hasil CSV dan markdown / folder for the CSV and markdown.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("benchmarks/.cache"), show_default=True,
              help="Folder buku kerja masukan yang dibuat / folder of generated inputs.")
@click.option("--against", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="CSV bench sebelumnya: cetak rasio baru/lama / a previous "
                                 "bench CSV: print new/old ratios.")
@click.option("--effort", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Upaya mesin untuk pilihan hari, rotasi dan tim (seperti `solve --effort`; "
                   "0 = tanpa) / the engine's effort on preferences, rotation and teams (as "
                   "`solve --effort`; 0 = none).")
@click.option("--references", default="ab,mono,highs", show_default=True,
              help="Pembanding: ab (rotasi A/B tangan), mono (satu model CP-SAT), highs "
                   "(MILP HiGHS per bagian) / references: ab (hand A/B split), mono (one "
                   "CP-SAT model), highs (a HiGHS MILP per part).")
@click.option("--no-reference", is_flag=True, help="Tanpa pembanding / no reference.")
@click.option("--mono-max-mib", type=click.FloatRange(min=1), default=12_288.0,
              show_default=True, help="Hentikan model monolitik di atas memori ini / kill "
                                      "the monolithic reference above this memory (MiB).")
@click.option("--cell-timeout", type=click.FloatRange(min=1), default=None,
              help="Hentikan sel setelah detik ini (bawaan 300 + 5 × batas waktu) / kill a "
                   "cell after this many seconds (default 300 + 5 × time limit).")
@click.option("--keep", is_flag=True, help="Simpan buku kerja jadwal di --out / keep the "
                                           "roster workbooks in --out.")
@click.option("--quick", is_flag=True, help="Hanya ukuran kecil (dipakai tes) / only the small "
                                            "size (the one the tests run).")
@lang_option
@guarded
def command(sizes: str, scenarios: str, time_limit: float | None, seed: int,
            effort: float, workers: int | None, out_dir: Path, cache_dir: Path,
            against: Path | None,
            references: str, no_reference: bool, mono_max_mib: float,
            cell_timeout: float | None, keep: bool, quick: bool, lang: Lang) -> None:
    """Ukur kinerja pada matriks instansi sintetis / benchmark a matrix of generated agencies.

    Each (size, scenario) is solved end to end in a fresh process, as `asn-scheduler solve`
    does it (read the workbook, build, solve, check, write the roster), timed per stage
    with peak memory (PSS), model size and each goal's gap; beside it, measured in the
    same run, the planner's A/B hand split (ab: quality and violations) and the same rules
    as one monolithic CP-SAT model (mono) and as MILPs per part on HiGHS (highs, the
    peer: needs the `bench` extra). Prints one table, then the targets (PASS/FAIL),
    and writes bench-<time>.csv and .md to --out. Inputs are generated once and cached.

    \b
    Exit codes:
      0  done; every target that applies to a measured cell is met
      1  a target is missed (see the targets section)
      2  usage error

    \b
    Example:
      asn-scheduler bench --quick
      asn-scheduler bench --sizes 1000,10000 --scenarios permenpanrb-4-2025
      asn-scheduler bench --against benchmarks/results/bench-main.csv
      asn-scheduler bench --sizes 65000 --effort 0 --no-reference
    """
    from asn_scheduler.bench.compare import compare_text
    from asn_scheduler.bench.matrix import (
        QUICK_SIZE,
        QUICK_TIME_LIMIT,
        REFERENCES,
        Cell,
        bench_period,
        matrix,
        period_note,
    )
    from asn_scheduler.bench.report import Run, write_run
    from asn_scheduler.bench.rows import Row, read_csv
    from asn_scheduler.bench.runner import Settings, run_matrix
    from asn_scheduler.bench.table import text_table
    from asn_scheduler.bench.targets import evaluate, targets_text
    from asn_scheduler.scenario import load_scenario

    try:
        size_list = (QUICK_SIZE,) if quick else _sizes(sizes)
    except ValueError:
        raise click.BadParameter(_BAD_SIZES.format(v=sizes).get(lang),
                                 param_hint="--sizes") from None
    if min(size_list) < 8:
        raise click.UsageError(_TOO_SMALL.format(v=sizes).get(lang))
    refs = () if no_reference else _names(references)
    unknown = [r for r in refs if r not in REFERENCES]
    if unknown:
        raise click.UsageError(_BAD_REF.format(r=", ".join(unknown), ok=", ".join(REFERENCES))
                               .get(lang))
    limit = time_limit if time_limit is not None else QUICK_TIME_LIMIT if quick else 60.0
    if not _names(scenarios):
        raise click.UsageError(_NO_SCENARIO.get(lang))
    cells = matrix(size_list, _names(scenarios), refs)
    loaded = {s: load_scenario(s) for s in dict.fromkeys(c.scenario for c in cells)}
    settings = Settings(time_limit=limit, effort=effort, seed=seed, workers=workers,
                        out_dir=out_dir, cache_dir=cache_dir, keep=keep, lang=lang,
                        mono_max_mib=mono_max_mib, cell_timeout=cell_timeout)

    def progress(kind: str, i: int, cell: Cell, row: Row | None) -> None:
        fields = dict(i=i + 1, n=len(cells), size=cell.size, s=cell.scenario, m=cell.method)
        if kind == "input":
            click.echo(_INPUT.format(n=cell.size, s=cell.scenario).get(lang), err=True)
        elif kind == "start":
            click.echo(_START.format(**fields).get(lang), err=True)
        else:
            click.echo(_DONE.format(**fields, st=row.get("status"), sec=row["wall"]).get(lang),
                       err=True)

    rows = run_matrix(cells, settings, progress)
    verdicts = evaluate(rows)
    notes = [period_note(sc, bench_period(sc)) for sc in loaded.values()]
    comparison = compare_text(rows, read_csv(against), str(against), lang) if against else ""
    run = Run(rows, {"time_limit": f"{limit:g} s", "effort": f"{effort:g}", "seed": str(seed),
                     "workers": str(workers or "cores"),
                     "references": ",".join(refs) or "-",
                     "mono_max_mib": f"{mono_max_mib:g}"},
              notes, targets_text(verdicts, lang), comparison)
    csv_path, md_path = write_run(run, out_dir, lang)

    click.echo(text_table(rows, lang))
    click.echo("")
    for n in notes:
        click.echo(n.get(lang))
    click.echo("")
    click.echo(run.targets)
    if comparison:
        click.echo("")
        click.echo(comparison)
    click.echo("")
    click.echo(_WRITTEN.format(csv=csv_path, md=md_path).get(lang))
    if any(not v.met for v in verdicts):
        raise click.exceptions.Exit(EXIT_FAIL)
