"""``asn-scheduler serve``: the planner's web page and JSON API (needs the ``web`` extra)."""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path

import click

from asn_scheduler.cli.common import lang_option
from asn_scheduler.i18n import Lang, Msg

_NO_EXTRA = Msg("Halaman web memerlukan paket tambahan: pip install 'asn-scheduler[web]'",
                "The web page needs its extra: pip install 'asn-scheduler[web]'")
_OPEN = Msg("Menolak mendengarkan di {h} tanpa token akses: setel ASN_SCHEDULER_TOKEN, atau "
            "--allow-open bila jaringan ini tepercaya.",
            "Refusing to listen on {h} without an access token: set ASN_SCHEDULER_TOKEN, or "
            "--allow-open if this network is trusted.")
_START = Msg("Halaman web: http://{h}:{p}/  (data: {d}; {w} pekerjaan sekaligus; Ctrl+C "
             "untuk berhenti)", "Web page: http://{h}:{p}/  (data: {d}; {w} job(s) at once; "
             "Ctrl+C to stop)")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Alamat / address to listen on (127.0.0.1: this computer only).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("asn-web-data"), show_default=True,
              help="Folder untuk unggahan dan pekerjaan / folder for uploads and jobs.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Pekerjaan yang diproses sekaligus / jobs solved at once.")
@click.option("--queue", "max_queue", type=click.IntRange(min=1), default=16,
              show_default=True, help="Pekerjaan yang boleh menunggu / jobs that may wait.")
@click.option("--job-timeout", type=click.FloatRange(min=5), default=600.0, show_default=True,
              help="Batas waktu satu pekerjaan (detik) / seconds a job may run.")
@click.option("--retention-hours", type=click.FloatRange(min=0.01), default=24.0,
              show_default=True, help="Berkas dihapus setelah / files deleted after (hours).")
@click.option("--max-upload-mb", type=click.FloatRange(min=0.01), default=20.0,
              show_default=True, help="Ukuran unggahan maksimum / largest upload (MB).")
@click.option("--allow-open", is_flag=True,
              help="Izinkan alamat jaringan tanpa token / allow a network address without "
                   "an access token.")
@lang_option
def command(host: str, port: int, data_dir: Path, workers: int, max_queue: int,
            job_timeout: float, retention_hours: float, max_upload_mb: float,
            allow_open: bool, lang: Lang) -> None:
    """Jalankan halaman web penjadwal / start the planner's web page.

    Upload a workbook, pick a scenario, watch the progress, download the checked roster;
    also compare scenarios and check a hand-made roster. A JSON API is under /api/
    (documented at /api/docs). Listens on 127.0.0.1 by default. For use on a network set
    an access token in the environment variable ASN_SCHEDULER_TOKEN (planners sign in
    with it; API clients send `Authorization: Bearer TOKEN`).

    \b
    Example:
      asn-scheduler serve
      ASN_SCHEDULER_TOKEN=… asn-scheduler serve --host 0.0.0.0 --port 8080 --workers 2
    """
    try:
        import uvicorn

        from asn_scheduler.web.app import create_app, settings_from_env
    except ImportError:
        raise click.ClickException(_NO_EXTRA.get(lang)) from None
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = settings_from_env(data_dir.resolve(), workers=workers, max_queue=max_queue,
                                 job_timeout=job_timeout, retention_hours=retention_hours,
                                 max_upload=int(max_upload_mb * 2**20))
    if not _loopback(host) and not settings.token and not allow_open:
        raise click.UsageError(_OPEN.format(h=host).get(lang))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    click.echo(_START.format(h=host, p=port, d=data_dir, w=workers).get(lang), err=True)
    # uvicorn's access log prints full paths (job IDs are keys): ours logs route templates
    uvicorn.run(create_app(settings), host=host, port=port, access_log=False,
                log_level="warning", server_header=False)
